using Credentials.Invalidation;
using Credentials.Jwt;
using Credentials.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.Jwt.ManagedKeys;

/// <summary>Instances of a host with managed signing keys that share one store and one protector, on one fake clock.</summary>
internal static class ManagedKeysTestKit
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Propagation = TimeSpan.FromDays(2);
    public static readonly TimeSpan Rotation = TimeSpan.FromDays(30);
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    /// <summary>A protector every instance of a test shares, as instances share Data Protection keys.</summary>
    public static CountingProtector SharedProtector() => new();

    public static ManagedInstance Instance(
        FakeTimeProvider time, ISigningKeyStore store, ISigningKeyProtector protector, Action<ManagedSigningKeyOptions>? configure = null, ICredentialInvalidationChannel? channel = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        if (channel is not null)
        {
            services.AddSingleton(channel);
        }

        services.AddSingleton(store);
        services.AddSingleton(protector);
        services.AddCredentials(o =>
            {
                o.Jwt.Issuer = JwtTestKit.Issuer;
                o.Jwt.Audience = JwtTestKit.Audience;
            })
            .UseManagedSigningKeys(configure ?? (_ => { }));
        return new ManagedInstance(services.BuildServiceProvider());
    }

    public static ManagedInstance[] Instances(int count, FakeTimeProvider time, ISigningKeyStore store, Action<ManagedSigningKeyOptions>? configure = null)
    {
        var protector = SharedProtector();
        return [.. Enumerable.Range(0, count).Select(_ => Instance(time, store, protector, configure))];
    }
}

/// <summary>AES-GCM under one key for all the instances of a test; counts how often a key is opened.</summary>
internal sealed class CountingProtector : ISigningKeyProtector, IDisposable
{
    private readonly EphemeralSigningKeyProtector _inner = new(CryptoSecretRandom.Instance);

    public int Unprotected;

    public ValueTask<byte[]> ProtectAsync(byte[] privateKey, CancellationToken cancellationToken) => _inner.ProtectAsync(privateKey, cancellationToken);

    public ValueTask<byte[]> UnprotectAsync(byte[] protectedPrivateKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Unprotected);
        return _inner.UnprotectAsync(protectedPrivateKey, cancellationToken);
    }

    public void Dispose() => _inner.Dispose();
}

/// <summary>One instance: its services and the JWT parts the tests drive.</summary>
internal sealed class ManagedInstance(ServiceProvider services) : IDisposable
{
    public ServiceProvider Services { get; } = services;

    public JwtKeyRing Ring => Services.GetRequiredService<JwtKeyRing>();

    public IssuedJwt Issue() => Services.GetRequiredService<IJwtIssuer>().Issue(JwtTestKit.Alice);

    public JwtValidationResult Validate(string token) => Services.GetRequiredService<IJwtValidator>().Validate(token);

    /// <summary>The <c>kid</c>s the JWKS publishes now.</summary>
    public string[] PublishedKeyIds()
    {
        using var jwks = System.Text.Json.JsonDocument.Parse(Ring.ExportJwks());
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    public void Dispose() => Services.Dispose();
}
