using System.Net;
using System.Net.Http.Json;
using Credentials.AspNetCore.Tests.Infrastructure;

namespace Credentials.AspNetCore.Tests.Diagnostics;

public sealed class SecretLoggingTests
{
    /// <summary>
    /// Every category at Trace, through every endpoint and header transport, successes and failures: no secret may
    /// reach a log line. (Query transports are left out on purpose: ASP.NET Core's request logging writes the URL, which
    /// is why docs/aspnetcore.md advises switching them off.)
    /// </summary>
    [Fact]
    public async Task FullSession_AtTraceLevel_LogsNoSecret()
    {
        using var host = new SampleHost();
        using var anonymous = host.CreateClient();
        (await anonymous.PostAsJsonAsync("/auth/login", new { username = "admin", password = "wrong-admin-password" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("/auth/login", new { username = "nobody", password = "nobody-password" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var jwt = await host.LoginAsync("admin");
        var (plainKey, uuid) = await host.CreateKeyAsync("admin");
        using var withKey = host.CreateClient(plainKey);
        var webToken = (await (await withKey.GetAsync("/web-token")).ReadJsonAsync()).GetProperty("data").GetProperty("token").GetString()!;
        using var withJwt = host.CreateClient(jwt);
        var rolled = (await (await withJwt.PostAsync($"/api/v1/api-keys/{uuid}/roll", null)).ReadJsonAsync()).GetProperty("plain_key").GetString()!;
        foreach (var bearer in new[] { jwt, rolled, webToken, plainKey, jwt[..^3] + "AAA", webToken[..^1] + "0" })
        {
            using var client = host.CreateClient(bearer);
            await client.GetAsync("/v1.0/accesskeys");
        }

        var secrets = new[] { "admin-password", "wrong-admin-password", "nobody-password", jwt, jwt.Split('.')[2], plainKey, plainKey[8..], rolled, webToken };
        host.Logs.Lines.Should().NotBeEmpty();
        foreach (var secret in secrets)
        {
            host.Logs.Lines.Should().NotContain(line => line.Contains(secret, StringComparison.Ordinal), "no log line may carry a secret");
        }

        host.Logs.Lines.Should().Contain(line => line.Contains("[6001]"), "rejections are logged, with their reason");
    }
}
