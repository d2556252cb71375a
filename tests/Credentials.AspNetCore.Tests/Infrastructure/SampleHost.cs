using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The sample web host in memory, with every log line captured. <see cref="ClientAddressHeader"/> sets the client
/// address a request comes from (the test server has none), so per-address throttling can be exercised.
/// </summary>
public sealed class SampleHost : WebApplicationFactory<Program>
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Adjusts the services after the sample registered its own (a test's options, a fake clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>();
            ConfigureServices?.Invoke(services);
        });
    }

    public async Task<string> LoginAsync(string username)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/auth/login", new { username, password = $"{username}-password" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).GetProperty("token").GetString()!;
    }

    /// <summary>Creates a key as <paramref name="username"/>; returns the plain key and the uuid.</summary>
    public async Task<(string PlainKey, Guid Uuid)> CreateKeyAsync(string username, string name = "Test key", params string[] permissions)
    {
        var jwt = await LoginAsync(username);
        using var client = CreateClient(jwt);
        var response = await client.PostAsJsonAsync("/api/v1/api-keys", new { name, permissions });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("plain_key").GetString()!, body.GetProperty("api_key").GetProperty("uuid").GetGuid());
    }

    /// <summary>The status of the sample's ordinary <c>GET /whoami</c> with this bearer credential: does it still work?</summary>
    public async Task<HttpStatusCode> WhoAmIStatusAsync(string bearer)
    {
        using var client = CreateClient(bearer);
        return (await client.GetAsync("/whoami")).StatusCode;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public HttpClient CreateClient(string bearer)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private sealed class ClientAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
