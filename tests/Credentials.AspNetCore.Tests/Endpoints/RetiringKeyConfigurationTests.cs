using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>A retiring signing key set in configuration, as a host restarted now and then would read it.</summary>
public sealed class RetiringKeyConfigurationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string RetiringPem = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    [Fact]
    public async Task Jwks_HostRestartedAfterRetiresAt_NoLongerPublishesTheKey()
    {
        const string retiresAt = "2026-03-02T12:00:00Z";
        var time = new FakeTimeProvider(Start);
        string before, after;
        await using (var first = await StartAsync(time, retiresAt))
        {
            before = await first.GetTestClient().GetStringAsync("/.well-known/jwks.json");
        }

        time.Advance(TimeSpan.FromDays(1));
        await using (var restarted = await StartAsync(time, retiresAt))
        {
            after = await restarted.GetTestClient().GetStringAsync("/.well-known/jwks.json");
        }

        before.Should().Contain("\"EC\"");
        after.Should().Be("""{"keys":[]}""", "the retirement is the configured instant, not start time plus the token lifetime");
    }

    [Fact]
    public async Task Start_RetiringKeyWithoutRetiresAt_FailsNamingTheSetting()
    {
        var act = async () => await (await StartAsync(new FakeTimeProvider(Start), retiresAt: null)).DisposeAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>())
            .WithMessage("*Credentials:Jwt:SigningKeys:1:RetiresAt must be set for a Retiring key*");
    }

    private static async Task<WebApplication> StartAsync(TimeProvider time, string? retiresAt)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credentials:Jwt:Issuer"] = "issuer",
            ["Credentials:Jwt:Audience"] = "audience",
            ["Credentials:Jwt:SigningKeys:0:Algorithm"] = "HS256",
            ["Credentials:Jwt:SigningKeys:0:Secret"] = Convert.ToBase64String(new byte[32]),
            ["Credentials:Jwt:SigningKeys:1:Algorithm"] = "ES256",
            ["Credentials:Jwt:SigningKeys:1:Pem"] = RetiringPem,
            ["Credentials:Jwt:SigningKeys:1:State"] = "Retiring",
            ["Credentials:Jwt:SigningKeys:1:RetiresAt"] = retiresAt,
        });
        builder.Services.AddSingleton(time);
        builder.Services.AddCredentials(builder.Configuration.GetSection("Credentials")).AddAspNetCore();
        var app = builder.Build();
        app.MapCredentialsEndpoints();
        await app.StartAsync();
        return app;
    }
}
