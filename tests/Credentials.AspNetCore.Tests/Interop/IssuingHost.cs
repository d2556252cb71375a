using System.Security.Cryptography;
using System.Text.Json;
using Credentials.Jwt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>
/// A host that issues JWTs on a fake clock and serves its JWKS with <c>MapJwks()</c>, in memory (TestServer) or on a
/// loopback socket (Kestrel, for consumers in another process). <see cref="EnterAsync"/> walks it through one rotation
/// of its signing keys: for managed keys only the clock moves; static keys are announced and activated by hand at the
/// same instants, so both rotations look alike to a consumer.
/// </summary>
public sealed class IssuingHost : IAsyncDisposable
{
    public const string Issuer = "https://login.example.test";
    public const string Audience = "example-api";

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly JwtSubject Alice = new() { Id = "user-1", Name = "alice", Permissions = ["api.keys.read"] };

    private readonly WebApplication _app;

    private IssuingHost(WebApplication app, FakeTimeProvider time, IssuerKeys keys, HttpClient client)
    {
        _app = app;
        Time = time;
        Keys = keys;
        Client = client;
    }

    public FakeTimeProvider Time { get; }

    public IssuerKeys Keys { get; }

    /// <summary>Reaches the host: the TestServer's client, or a plain client of the Kestrel address.</summary>
    public HttpClient Client { get; }

    public Uri JwksUri => new(Client.BaseAddress!, "/.well-known/jwks.json");

    public JwtKeyRing Ring => _app.Services.GetRequiredService<JwtKeyRing>();

    /// <summary>Starts a host signing with <paramref name="keys"/>; <paramref name="onSocket"/> puts it on a loopback port.</summary>
    public static async Task<IssuingHost> StartAsync(IssuerKeys keys, bool onSocket)
    {
        var time = new FakeTimeProvider(Start);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (onSocket)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        var credentials = builder.Services.AddCredentials(o =>
        {
            o.Jwt.Issuer = Issuer;
            o.Jwt.Audience = Audience;
            if (!keys.Managed)
            {
                o.Jwt.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = keys.Algorithm, Pem = NewPem(keys.Algorithm) });
            }
        });
        if (keys.Managed)
        {
            credentials.UseManagedSigningKeys(o => o.Algorithm = keys.Algorithm);
        }

        var app = builder.Build();
        app.MapJwks();
        await app.StartAsync();
        var client = onSocket
            ? new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) }
            : app.GetTestClient();
        var host = new IssuingHost(app, time, keys, client);
        await host.Ring.RefreshAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Moves the clock to <paramref name="phase"/> (forward only) and does what a person does then with static keys.</summary>
    public async Task EnterAsync(RotationPhase phase)
    {
        switch (phase)
        {
            case RotationPhase.Before:
                await MoveToAsync(TimeSpan.FromDays(27));
                break;
            case RotationPhase.Announced:
                await MoveToAsync(TimeSpan.FromDays(29));
                if (!Keys.Managed)
                {
                    Ring.AddKey(new JwtSigningKeyOptions { Algorithm = Keys.Algorithm, Pem = NewPem(Keys.Algorithm) });
                }

                break;
            case RotationPhase.Switched:
                await MoveToAsync(TimeSpan.FromDays(30));
                if (!Keys.Managed)
                {
                    Ring.Activate(Ring.GetKeys().Single(k => k.State == JwtKeyState.Pending).KeyId);
                }

                await MoveToAsync(TimeSpan.FromDays(30) + TimeSpan.FromHours(1));
                break;
            case RotationPhase.Retired:
                await MoveToAsync(TimeSpan.FromDays(37) + TimeSpan.FromMinutes(30));
                break;
        }

        await Ring.RefreshAsync(CancellationToken.None);
    }

    public IssuedJwt Issue() => _app.Services.GetRequiredService<IJwtIssuer>().Issue(Alice);

    /// <summary>The <c>kid</c>s the host publishes now, read from its own JWKS endpoint.</summary>
    public async Task<IReadOnlyList<string>> PublishedKeyIdsAsync()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync(JwksUri));
        return [.. document.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    /// <summary>What a host does for a compromised managed key: deletes every stored key, then reloads (a new key signs at once).</summary>
    public async Task DeleteEveryManagedKeyAsync()
    {
        var store = _app.Services.GetRequiredService<ISigningKeyStore>();
        foreach (var key in await store.ListAsync(CancellationToken.None))
        {
            await store.DeleteAsync(key.Generation, CancellationToken.None);
        }

        await Ring.RefreshAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// Moves the clock forward a day at a time, reloading the ring each day as a live instance does (every 5 minutes):
    /// a managed successor is made the day it is due, not the day a test first looks.
    /// </summary>
    private async Task MoveToAsync(TimeSpan sinceStart)
    {
        var target = Start + sinceStart;
        while (Time.GetUtcNow() < target)
        {
            var next = Time.GetUtcNow().AddDays(1);
            Time.SetUtcNow(next < target ? next : target);
            await Ring.RefreshAsync(CancellationToken.None);
        }
    }

    private static string NewPem(string algorithm)
    {
        using AsymmetricAlgorithm key = algorithm == "RS256" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }
}
