using System.Net;
using System.Text;
using Credentials.AspNetCore.Tests.Infrastructure;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>Deactivate, activate, roll and delete: beyond the API documents, so a key can be managed after it is created.</summary>
public sealed class ApiKeyManagementEndpointTests : IClassFixture<SampleHost>
{
    private readonly SampleHost _host;

    public ApiKeyManagementEndpointTests(SampleHost host) => _host = host;

    [Fact]
    public async Task Deactivate_OwnKey_StopsItWorkingUntilActivated()
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var deactivated = await alice.PostAsync($"/api/v1/api-keys/{uuid}/deactivate", null);
        var whileInactive = await _host.WhoAmIStatusAsync(key);
        var activated = await alice.PostAsync($"/api/v1/api-keys/{uuid}/activate", null);

        deactivated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await deactivated.ReadJsonAsync()).GetProperty("api_key").GetProperty("is_active").GetBoolean().Should().BeFalse();
        whileInactive.Should().Be(HttpStatusCode.Unauthorized);
        activated.StatusCode.Should().Be(HttpStatusCode.OK);
        (await activated.ReadJsonAsync()).GetProperty("api_key").GetProperty("is_active").GetBoolean().Should().BeTrue();
        (await _host.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Roll_OwnKey_ReturnsNewPlainKeyAndRetiresTheOld()
    {
        var (oldKey, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        var newKey = body.GetProperty("plain_key").GetString()!;
        newKey.Should().StartWith("cc_live_").And.NotBe(oldKey);
        (await _host.WhoAmIStatusAsync(oldKey)).Should().Be(HttpStatusCode.Unauthorized);
        (await _host.WhoAmIStatusAsync(newKey)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Roll_WithGracePeriod_KeepsTheOldKeyWorkingForNow()
    {
        var (oldKey, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", SampleHost.Json("""{"grace_period_seconds": 3600}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _host.WhoAmIStatusAsync(oldKey)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task List_CreatedThenRolled_HintIsTheLastFourCharactersOfTheCurrentKey()
    {
        var (oldKey, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var beforeRoll = await ListedAsync(alice, uuid);
        var newKey = (await (await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", null)).ReadJsonAsync()).GetProperty("plain_key").GetString()!;
        var afterRoll = await ListedAsync(alice, uuid);

        beforeRoll.GetProperty("hint").GetString().Should().Be(oldKey[^4..]);
        afterRoll.GetProperty("hint").GetString().Should().Be(newKey[^4..]);
        afterRoll.GetRawText().Should().NotContain(newKey[..^4]);
    }

    [Theory]
    [InlineData("""{"grace_period_seconds": -1}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"grace_period_seconds": "60"}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"grace_period_seconds": 1.5}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"grace_period_seconds": """, HttpStatusCode.BadRequest)]
    public async Task Roll_BadGracePeriod_Answers4xxWithErrorShape(string json, HttpStatusCode expected)
    {
        var (_, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", SampleHost.Json(json));

        response.StatusCode.Should().Be(expected);
        (await response.ReadJsonAsync()).PropertyNames().Should().BeEquivalentTo("message", "errors");
    }

    [Fact]
    public async Task Delete_OwnKey_Answers204AndTheKeyIsGone()
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var deleted = await alice.DeleteAsync($"/api/v1/api-keys/{uuid}");
        var again = await alice.DeleteAsync($"/api/v1/api-keys/{uuid}");

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _host.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("POST", "deactivate")]
    [InlineData("POST", "activate")]
    [InlineData("POST", "roll")]
    [InlineData("DELETE", "")]
    public async Task Manage_AnotherUsersKey_Answers404AndChangesNothing(string method, string action)
    {
        var (adminKey, uuid) = await _host.CreateKeyAsync("admin");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/api-keys/{uuid}/{action}".TrimEnd('/')));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Not found"}""");
        (await _host.WhoAmIStatusAsync(adminKey)).Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("POST", "deactivate")]
    [InlineData("POST", "roll")]
    [InlineData("DELETE", "")]
    public async Task Manage_UnknownKey_Answers404(string method, string action)
    {
        using var admin = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/api-keys/{Guid.NewGuid()}/{action}".TrimEnd('/')));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Manage_AdminOnAnotherUsersKey_IsAllowed()
    {
        var (_, uuid) = await _host.CreateKeyAsync("alice");
        using var admin = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await admin.PostAsync($"/api/v1/api-keys/{uuid}/deactivate", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).GetProperty("api_key").GetProperty("user").GetProperty("email").GetString().Should().Be("alice@example.com");
    }

    [Fact]
    public async Task Manage_Anonymous_Answers401()
    {
        using var client = _host.CreateClient();

        (await client.PostAsync($"/api/v1/api-keys/{Guid.NewGuid()}/deactivate", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<System.Text.Json.JsonElement> ListedAsync(HttpClient client, Guid uuid)
    {
        var listed = await (await client.GetAsync("/api/v1/api-keys")).ReadJsonAsync();
        return listed.GetProperty("api_keys").EnumerateArray().Single(k => k.GetProperty("uuid").GetGuid() == uuid);
    }
}
