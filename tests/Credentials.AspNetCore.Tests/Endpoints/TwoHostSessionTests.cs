using System.Net;
using System.Security.Cryptography;
using Credentials.AspNetCore.Tests.Infrastructure;
using Credentials.Invalidation;
using Credentials.Jwt;
using Credentials.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>Two instances of one host: one signing key, one session store, and a channel between them (or none).</summary>
public sealed class TwoHostSessionTests : IDisposable
{
    private static readonly string SharedSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly InMemorySessionStore _store = new();
    private readonly SampleHost _a;
    private readonly SampleHost _b;

    public TwoHostSessionTests()
    {
        var channel = new SharedChannel();
        _a = Instance(channel);
        _b = Instance(channel);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task LogoutOnA_RefusesTheJwtOnB()
    {
        var jwt = await _a.LoginAsync("alice");
        (await _b.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.OK, "b now remembers the session open");
        using var client = _a.CreateClient(jwt);

        (await client.PostAsync("/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await _b.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EndAllOnB_ByTheHost_RefusesTheJwtOnA()
    {
        var jwt = await _a.LoginAsync("alice");
        (await _a.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.OK);

        // What a host calls after a password change.
        await _b.Services.GetRequiredService<ISessionService>().EndAllAsync("2", CancellationToken.None);

        (await _a.WhoAmIStatusAsync(jwt)).Should().Be(HttpStatusCode.Unauthorized);
    }

    private SampleHost Instance(ICredentialInvalidationChannel channel) => new()
    {
        ConfigureServices = services =>
        {
            services.Configure<CredentialsOptions>(o => o.Jwt.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "HS256", Secret = SharedSecret }));
            services.AddSingleton<ISessionStore>(_store);
            services.AddSingleton(channel);
        },
    };

    /// <summary>A bus both instances subscribe to, as Redis pub/sub would carry messages between them.</summary>
    private sealed class SharedChannel() : CredentialInvalidationChannel(NullLogger.Instance)
    {
        protected override ValueTask SendAsync(string envelope, CancellationToken cancellationToken) => default;
    }
}
