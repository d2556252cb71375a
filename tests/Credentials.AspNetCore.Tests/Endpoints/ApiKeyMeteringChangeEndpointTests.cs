using System.Net;
using Credentials.AspNetCore.Tests.Infrastructure;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary><c>PATCH /api/v1/api-keys/{uuid}</c>: a key's rate limits and credits changed after creation, in the create body's fields.</summary>
public sealed class ApiKeyMeteringChangeEndpointTests : IClassFixture<SampleHost>
{
    private readonly SampleHost _host;

    public ApiKeyMeteringChangeEndpointTests(SampleHost host) => _host = host;

    [Fact]
    public async Task Patch_OwnKey_ReplacesLimitsAndCreditsAndTheKeyFollowsThem()
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PatchAsync($"/api/v1/api-keys/{uuid}", SampleHost.Json("""
            {"rate_limits": [{"name": "burst", "limit": 5, "window_seconds": 60}], "credits": {"remaining": 1}}
            """));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var changed = (await response.ReadJsonAsync()).GetProperty("api_key");
        changed.GetProperty("rate_limits").GetRawText().Should().Be("""[{"name":"burst","limit":5,"window_seconds":60}]""");
        changed.GetProperty("credits").GetRawText().Should().Be("""{"remaining":1,"refill":null}""");
        (await _host.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.OK);
        (await _host.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.TooManyRequests, "the one credit is spent");
    }

    [Fact]
    public async Task Patch_NullFields_RemoveLimitsAndCredits()
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));
        await alice.PatchAsync($"/api/v1/api-keys/{uuid}", SampleHost.Json("""{"credits": {"remaining": 0}}"""));
        var spent = await _host.WhoAmIStatusAsync(key);

        var response = await alice.PatchAsync($"/api/v1/api-keys/{uuid}", SampleHost.Json("""{"rate_limits": null, "credits": null}"""));

        spent.Should().Be(HttpStatusCode.TooManyRequests);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).GetProperty("api_key").PropertyNames().Should().NotContain(["rate_limits", "credits"]);
        (await _host.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_AnotherOwnersKeyOrUnknownUuid_Answers404()
    {
        var (_, aliceKey) = await _host.CreateKeyAsync("alice");
        using var aliceManager = _host.CreateClient((await _host.CreateKeyAsync("alice", "sibling", "api.keys.manage.own")).PlainKey);
        using var admin = _host.CreateClient(await _host.LoginAsync("admin"));
        var bobKey = await CreateForAsync(admin, "3");

        var othersKey = await aliceManager.PatchAsync($"/api/v1/api-keys/{bobKey}", SampleHost.Json("""{"credits": null}"""));
        var unknown = await admin.PatchAsync($"/api/v1/api-keys/{Guid.NewGuid()}", SampleHost.Json("""{"credits": null}"""));
        var own = await aliceManager.PatchAsync($"/api/v1/api-keys/{aliceKey}", SampleHost.Json("""{"credits": null}"""));

        othersKey.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        own.StatusCode.Should().Be(HttpStatusCode.OK, "a key with api.keys.manage.own manages its owner's keys");
    }

    [Fact]
    public async Task Patch_ByMeteredKeyOrKeyWithoutManagePermission_Answers403()
    {
        var (_, target) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));
        var created = await alice.PostAsync("/api/v1/api-keys", SampleHost.Json("""
            {"name": "metered manager", "permissions": ["api.keys.manage.own"], "credits": {"remaining": 100}}
            """));
        using var metered = _host.CreateClient((await created.ReadJsonAsync()).GetProperty("plain_key").GetString()!);
        using var reader = _host.CreateClient((await _host.CreateKeyAsync("alice", "reader", "read")).PlainKey);

        var byMetered = await metered.PatchAsync($"/api/v1/api-keys/{target}", SampleHost.Json("""{"credits": null}"""));
        var byReader = await reader.PatchAsync($"/api/v1/api-keys/{target}", SampleHost.Json("""{"credits": null}"""));

        byMetered.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a metered key may not lift its own or a sibling's metering");
        byReader.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{}""", "rate_limits")]
    [InlineData("""[]""", "body")]
    [InlineData("""{"rate_limits": [{"limit": 0, "window_seconds": 60}]}""", "rate_limits")]
    [InlineData("""{"rate_limits": [{"limit": 1, "window_seconds": 86401}]}""", "rate_limits")]
    [InlineData("""{"rate_limits": "many"}""", "rate_limits")]
    [InlineData("""{"credits": {"remaining": -1}}""", "credits")]
    [InlineData("""{"credits": {"remaining": 1, "refill": {"amount": 1, "interval_seconds": 0}}}""", "credits")]
    [InlineData("""{"credits": {"remaining": "lots"}}""", "credits.remaining")]
    public async Task Patch_InvalidBody_Answers422NamingTheField(string json, string field)
    {
        var (_, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PatchAsync($"/api/v1/api-keys/{uuid}", SampleHost.Json(json));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var body = await response.ReadJsonAsync();
        body.GetProperty("message").GetString().Should().Be("Validation failed");
        body.GetProperty("errors").GetProperty(field).GetArrayLength().Should().BeGreaterThan(0);
    }

    /// <summary>Creates a key owned by <paramref name="ownerId"/> as the caller (who needs api.keys.create); its uuid.</summary>
    private static async Task<Guid> CreateForAsync(HttpClient creator, string ownerId)
    {
        var response = await creator.PostAsync("/api/v1/api-keys", SampleHost.Json($$"""{"name": "for {{ownerId}}", "user_id": "{{ownerId}}"}"""));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("api_key").GetProperty("uuid").GetGuid();
    }
}
