using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Client.Tests;

/// <summary>AddWebTokenHandler on its own: no AddCredentials(), no TimeProvider, one manager per named client.</summary>
public class WebTokenHttpClientBuilderExtensionsTests
{
    private static readonly Uri Things = new("https://api.test/things");

    [Fact]
    public async Task AddWebTokenHandler_NothingElseRegistered_SendsTheFetchedTokenAsBearer()
    {
        var endpoint = new FakeTokenEndpoint(TimeProvider.System);
        var api = new FakeApi(endpoint);
        var services = new ServiceCollection();
        services.AddHttpClient("vendor")
            .AddWebTokenHandler(async (_, ct) => await endpoint.FetchAsync(ct))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        await using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("vendor").GetAsync(Things);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Received.Should().ContainSingle().Which.Authorization.Should().Be("Bearer token-1");
    }

    [Fact]
    public async Task AddWebTokenHandler_TwoNamedClients_EachHasItsOwnManagerAndToken()
    {
        var first = new FakeTokenEndpoint(TimeProvider.System);
        var second = new FakeTokenEndpoint(TimeProvider.System, TimeSpan.FromMinutes(30));
        var firstApi = new FakeApi(first);
        var secondApi = new FakeApi(second);
        var services = new ServiceCollection();
        services.AddHttpClient("first").AddWebTokenHandler((_, ct) => first.FetchAsync(ct)).ConfigurePrimaryHttpMessageHandler(() => firstApi);
        services.AddHttpClient("second").AddWebTokenHandler((_, ct) => second.FetchAsync(ct)).ConfigurePrimaryHttpMessageHandler(() => secondApi);
        await using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<IHttpClientFactory>();

        using var fromFirst = await clients.CreateClient("first").GetAsync(Things);
        using var fromSecond = await clients.CreateClient("second").GetAsync(Things);
        using var fromFirstAgain = await clients.CreateClient("first").GetAsync(Things);

        provider.GetRequiredKeyedService<WebTokenManager>("first").Should().NotBeSameAs(provider.GetRequiredKeyedService<WebTokenManager>("second"));
        (fromFirst.StatusCode, fromSecond.StatusCode, fromFirstAgain.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK));
        (first.Fetches, second.Fetches).Should().Be((1, 1), "each client's manager fetched once and kept its token");
    }

    [Fact]
    public async Task AddWebTokenHandler_TaskReturningFetch_SendsItsToken()
    {
        var endpoint = new FakeTokenEndpoint(TimeProvider.System);
        var api = new FakeApi(endpoint);
        var services = new ServiceCollection();
        services.AddHttpClient("vendor")
            .AddWebTokenHandler((_, ct) => endpoint.FetchAsync(ct).AsTask(), o => o.FetchTimeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        await using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("vendor").GetAsync(Things);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        provider.GetRequiredService<IOptionsMonitor<WebTokenClientOptions>>().Get("vendor").FetchTimeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AddWebTokenHandler_ValueTaskReturningFetch_SendsItsToken()
    {
        var endpoint = new FakeTokenEndpoint(TimeProvider.System);
        var api = new FakeApi(endpoint);
        var services = new ServiceCollection();
        services.AddHttpClient("vendor")
            .AddWebTokenHandler((_, ct) => endpoint.FetchAsync(ct), o => o.FetchTimeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        await using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("vendor").GetAsync(Things);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Received.Should().ContainSingle().Which.Authorization.Should().Be("Bearer token-1");
    }

    [Fact]
    public async Task AddWebTokenHandler_TokenSupersededElsewhere_401IsRetriedOnceWithAFreshToken()
    {
        var endpoint = new FakeTokenEndpoint(TimeProvider.System);
        var api = new FakeApi(endpoint);
        var services = new ServiceCollection();
        services.AddHttpClient("vendor")
            .AddWebTokenHandler(async (_, ct) => await endpoint.FetchAsync(ct), o => o.ExpiryMargin = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("vendor");
        (await client.GetAsync(Things)).Dispose();
        await endpoint.FetchAsync(CancellationToken.None);

        using var response = await client.GetAsync(Things);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Received.Select(r => r.Authorization).Should().Equal("Bearer token-1", "Bearer token-1", "Bearer token-3");
    }

    [Fact]
    public async Task AddWebTokenHandler_RegisteredClockAndKeyedCache_AreTheManagersOwn()
    {
        // The fake clock is far from the real one: with TimeProvider.System the fetched token would look long expired.
        var clock = new FakeTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var endpoint = new FakeTokenEndpoint(clock);
        var cache = new SharedTokenCache();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddKeyedSingleton<IWebTokenCache>("vendor", cache);
        services.AddHttpClient("vendor").AddWebTokenHandler((_, ct) => endpoint.FetchAsync(ct)).ConfigurePrimaryHttpMessageHandler(() => new FakeApi(endpoint));
        await using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("vendor").GetAsync(Things);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await cache.GetAsync(CancellationToken.None))!.Token.Should().Be("token-1");
    }

    [Fact]
    public async Task AddWebTokenHandler_FetchTimeoutOutOfRange_FailsNamingTheSettingAndTheClient()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("vendor").AddWebTokenHandler((_, _) => default, o => o.FetchTimeout = TimeSpan.Zero);
        await using var provider = services.BuildServiceProvider();

        var atStart = () => provider.GetRequiredService<IStartupValidator>().Validate();
        var atFirstUse = () => provider.GetRequiredService<IHttpClientFactory>().CreateClient("vendor");

        atStart.Should().Throw<OptionsValidationException>().WithMessage("*FetchTimeout*'vendor'*");
        atFirstUse.Should().Throw<OptionsValidationException>().WithMessage("*FetchTimeout*'vendor'*");
    }

    [Fact]
    public void AddWebTokenHandler_TwiceOnOneClient_ThrowsNamingIt()
    {
        var builder = new ServiceCollection().AddHttpClient("vendor").AddWebTokenHandler((_, _) => default);

        var act = () => builder.AddWebTokenHandler((_, _) => default);

        act.Should().Throw<InvalidOperationException>().WithMessage("*'vendor'*");
    }
}
