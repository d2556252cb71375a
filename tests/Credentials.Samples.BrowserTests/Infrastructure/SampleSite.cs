using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Samples.BrowserTests.Infrastructure;

/// <summary>
/// The sample web host as it ships (in-memory stores, the demo users of its appsettings.json), served by Kestrel on a
/// free loopback port so that a real browser can reach it; started once for every browser test class.
/// </summary>
public sealed class SampleSite : IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> _factory = new();

    /// <summary>The host's root, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The key page.</summary>
    public Uri PageAddress => new(BaseAddress, "/keys/");

    /// <summary>A client of the host over the network, as a program using a key would be.</summary>
    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single().TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseAddress };
        return Task.CompletedTask;
    }

    /// <summary>The status of the sample's ordinary <c>GET /whoami</c> with this API key: does it work?</summary>
    public async Task<HttpStatusCode> WhoAmIStatusAsync(string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        await _factory.DisposeAsync();
    }
}
