using System.Net;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>Keys with rate limits and credits over HTTP: the create body, the listing, 429 with the rate-limit fields.</summary>
public sealed class ApiKeyMeteringEndpointTests : IDisposable
{
    // 20 s into a minute, so a 60 s window has 40 s left.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 20, TimeSpan.Zero));
    private readonly SampleHost _host;

    public ApiKeyMeteringEndpointTests() =>
        _host = new SampleHost { ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock) };

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Create_RateLimitsAndCredits_AreStoredAndListed()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var created = await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""
            {
              "name": "metered",
              "rate_limits": [{ "name": "default", "limit": 100, "window_seconds": 60 }],
              "credits": { "remaining": 1000, "refill": { "amount": 1000, "interval_seconds": 2592000 } }
            }
            """));
        var listed = (await (await client.GetAsync("/api/v1/api-keys")).ReadJsonAsync()).GetProperty("api_keys")[0];

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        listed.GetProperty("rate_limits").GetRawText().Should().Be("""[{"name":"default","limit":100,"window_seconds":60}]""");
        listed.GetProperty("credits").GetRawText().Should().Be(
            """{"remaining":1000,"refill":{"amount":1000,"interval_seconds":2592000,"refilled_at":"2026-03-01T12:00:20.000000Z"}}""");
    }

    [Fact]
    public async Task Create_NoLimits_ListsNeitherField()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));
        await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "plain"}"""));

        var listed = (await (await client.GetAsync("/api/v1/api-keys")).ReadJsonAsync()).GetProperty("api_keys")[0];

        listed.PropertyNames().Should().NotContain(["rate_limits", "credits"]);
    }

    [Theory]
    [InlineData("""{"name": "x", "rate_limits": {"limit": 1}}""", "rate_limits")]
    [InlineData("""{"name": "x", "rate_limits": [5]}""", "rate_limits.0")]
    [InlineData("""{"name": "x", "rate_limits": [{"limit": "many", "window_seconds": 60}]}""", "rate_limits.0.limit")]
    [InlineData("""{"name": "x", "rate_limits": [{"limit": 1}]}""", "rate_limits.0.window_seconds")]
    [InlineData("""{"name": "x", "rate_limits": [{"limit": 0, "window_seconds": 60}]}""", "rate_limits")]
    [InlineData("""{"name": "x", "rate_limits": [{"limit": 1, "window_seconds": 0}]}""", "rate_limits")]
    [InlineData("""{"name": "x", "credits": 5}""", "credits")]
    [InlineData("""{"name": "x", "credits": {}}""", "credits.remaining")]
    [InlineData("""{"name": "x", "credits": {"remaining": -1}}""", "credits")]
    [InlineData("""{"name": "x", "credits": {"remaining": 1, "refill": {"amount": 1}}}""", "credits.refill.interval_seconds")]
    [InlineData("""{"name": "x", "credits": {"remaining": 1, "refill": {"amount": 0, "interval_seconds": 60}}}""", "credits")]
    public async Task Create_InvalidLimitsOrCredits_Answers422NamingTheField(string json, string field)
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json(json));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var body = await response.ReadJsonAsync();
        body.GetProperty("message").GetString().Should().Be("Validation failed");
        body.GetProperty("errors").GetProperty(field).GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Request_RateLimitedKey_Answers429WithRetryAfterAndRateLimitFields()
    {
        var key = await CreateAsync("""{"name": "limited", "rate_limits": [{"limit": 2, "window_seconds": 60}]}""");
        using var client = _host.CreateClient(key);

        var first = await client.GetAsync("/whoami");
        await client.GetAsync("/whoami");
        var refused = await client.GetAsync("/whoami");
        _clock.Advance(TimeSpan.FromSeconds(40));
        var later = await client.GetAsync("/whoami");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(first, "RateLimit-Limit").Should().Be("2");
        Header(first, "RateLimit-Remaining").Should().Be("1");
        Header(first, "RateLimit-Reset").Should().Be("40");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        Header(refused, "Retry-After").Should().Be("40");
        Header(refused, "RateLimit-Remaining").Should().Be("0");
        refused.Headers.Contains("WWW-Authenticate").Should().BeFalse();
        later.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_KeyOutOfCredits_Answers429WithRetryAfterTheNextRefill()
    {
        var key = await CreateAsync("""{"name": "metered", "credits": {"remaining": 1, "refill": {"amount": 1, "interval_seconds": 3600}}}""");
        using var client = _host.CreateClient(key);

        var first = await client.GetAsync("/whoami");
        var refused = await client.GetAsync("/whoami");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.Contains("RateLimit-Limit").Should().BeFalse("credits are not a rate limit");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        Header(refused, "Retry-After").Should().Be("3600");
    }

    [Fact]
    public async Task Request_KeyWithoutLimits_HasNoRateLimitFields()
    {
        var (key, _) = await _host.CreateKeyAsync("admin");
        using var client = _host.CreateClient(key);

        var response = await client.GetAsync("/whoami");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Select(h => h.Key).Should().NotContain(h => h.StartsWith("RateLimit", StringComparison.Ordinal));
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    private async Task<string> CreateAsync(string json)
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));
        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json(json));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("plain_key").GetString()!;
    }
}
