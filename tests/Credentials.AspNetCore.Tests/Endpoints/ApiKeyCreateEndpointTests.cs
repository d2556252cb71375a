using System.Net;
using System.Net.Http.Json;
using System.Text;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class ApiKeyCreateEndpointTests : IDisposable
{
    /// <summary>The API document's example created_at, so the answer matches the example byte for byte where it is not random.</summary>
    private static readonly DateTimeOffset DocumentedNow = new(2025, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly SampleHost _host = new() { ConfigureServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DocumentedNow)) };

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Create_EveryField_Answers201WithTheDocumentedFieldsExactly()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""
            {
              "name": "Production API Key",
              "expires_at": "2026-12-31T23:59:59.000000Z",
              "permissions": ["read", "write"],
              "metadata": { "environment": "production" }
            }
            """));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        body.PropertyNames().Should().BeEquivalentTo("api_key", "plain_key");
        var key = body.GetProperty("api_key");
        key.PropertyNames().Should().BeEquivalentTo("id", "uuid", "name", "key_prefix", "expires_at", "is_active", "user_id", "user", "created_at");
        key.GetProperty("id").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Number);
        Guid.TryParse(key.GetProperty("uuid").GetString(), out _).Should().BeTrue();
        key.GetProperty("name").GetString().Should().Be("Production API Key");
        key.GetProperty("key_prefix").GetString().Should().Be("cc_live_");
        key.GetProperty("expires_at").GetString().Should().Be("2026-12-31T23:59:59.000000Z");
        key.GetProperty("is_active").GetBoolean().Should().BeTrue();
        key.GetProperty("user_id").GetInt64().Should().Be(1);
        key.GetProperty("user").PropertyNames().Should().BeEquivalentTo("id", "email");
        key.GetProperty("user").GetProperty("id").GetInt64().Should().Be(1);
        key.GetProperty("user").GetProperty("email").GetString().Should().Be("admin@example.com");
        key.GetProperty("created_at").GetString().Should().Be("2025-11-20T12:00:00.000000Z");
        body.GetProperty("plain_key").GetString().Should().StartWith("cc_live_").And.HaveLength(body.GetProperty("plain_key").GetString()!.Trim().Length);
    }

    [Fact]
    public async Task Create_NameOnly_IsActiveByDefaultAndHasNoExpiry()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var key = (await (await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "minimal"}"""))).ReadJsonAsync()).GetProperty("api_key");

        key.GetProperty("is_active").GetBoolean().Should().BeTrue();
        key.GetProperty("expires_at").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Create_OwnPermissionNamingAnotherUser_ForcesTheCallerAsOwner()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "alice's", "user_id": 1}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var key = (await response.ReadJsonAsync()).GetProperty("api_key");
        key.GetProperty("user_id").GetInt64().Should().Be(2);
        key.GetProperty("user").GetProperty("email").GetString().Should().Be("alice@example.com");
    }

    [Fact]
    public async Task Create_AdminForAnotherUser_OwnsItAsThatUserWithTheirEmail()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "for bob", "user_id": "3"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var key = (await response.ReadJsonAsync()).GetProperty("api_key");
        key.GetProperty("user_id").GetInt64().Should().Be(3);
        key.GetProperty("user").GetProperty("email").GetString().Should().Be("bob@example.com");
    }

    [Fact]
    public async Task Create_CallerWithoutPermission_Answers403ForbiddenBody()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("bob"));

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "x"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Forbidden"}""");
    }

    [Theory]
    [InlineData("alice", "api.keys.create", HttpStatusCode.UnprocessableEntity)]
    [InlineData("alice", "api.keys.manage", HttpStatusCode.UnprocessableEntity)]
    [InlineData("alice", "api.keys.create.own", HttpStatusCode.Created)]
    [InlineData("alice", "api.keys.manage.own", HttpStatusCode.Created)]
    [InlineData("admin", "api.keys.create", HttpStatusCode.Created)]
    [InlineData("admin", "api.keys.create.own", HttpStatusCode.Created)]
    [InlineData("alice", "read", HttpStatusCode.Created)]
    [InlineData("bob", "read", HttpStatusCode.Forbidden)]
    [InlineData("alice", "reports.admin", HttpStatusCode.UnprocessableEntity)]
    [InlineData("admin", "reports.admin", HttpStatusCode.UnprocessableEntity)]
    public async Task Create_Permission_OnlyIfTheCreatorAndTheOwnerHoldIt(string username, string permission, HttpStatusCode expected)
    {
        using var client = _host.CreateClient(await _host.LoginAsync(username));
        var before = await client.GetStringAsync("/v1.0/accesskeys");

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json($$"""{"name": "k", "permissions": ["{{permission}}"]}"""));

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.UnprocessableEntity)
        {
            var body = await response.ReadJsonAsync();
            body.GetProperty("message").GetString().Should().Be("Validation failed");
            body.GetProperty("errors").GetProperty("permissions")[0].GetString().Should().Contain(permission);
            (await client.GetStringAsync("/v1.0/accesskeys")).Should().Be(before);
        }
    }

    /// <summary>The escalation the rule above blocks: a .own user's key must never act on another user's keys.</summary>
    [Fact]
    public async Task OwnUsersKey_CannotManageOrCreateForOthers()
    {
        var (adminKey, adminUuid) = await _host.CreateKeyAsync("admin");
        var (aliceKey, _) = await _host.CreateKeyAsync("alice");
        using var asAliceKey = _host.CreateClient(aliceKey);

        var roll = await asAliceKey.PostAsync($"/api/v1/api-keys/{adminUuid}/roll", null);
        var forAdmin = await asAliceKey.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "k", "user_id": 1}"""));

        roll.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _host.WhoAmIStatusAsync(adminKey)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_Anonymous_Answers401()
    {
        using var client = _host.CreateClient();

        (await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "x"}"""))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_MissingName_Answers422NameRequiredBody()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Validation failed","errors":{"name":["The name field is required."]}}""");
    }

    [Theory]
    [InlineData("""{"name": 5}""", "name")]
    [InlineData("""{"name": "x", "expires_at": "12/31/2026"}""", "expires_at")]
    [InlineData("""{"name": "x", "expires_at": "tomorrow"}""", "expires_at")]
    [InlineData("""{"name": "x", "expires_at": 1798761599}""", "expires_at")]
    [InlineData("""{"name": "x", "expires_at": "2026-02-30T00:00:00Z"}""", "expires_at")]
    [InlineData("""{"name": "x", "expires_at": "2020-01-01T00:00:00Z"}""", "expires_at")]
    [InlineData("""{"name": "x", "permissions": "read"}""", "permissions")]
    [InlineData("""{"name": "x", "permissions": ["read", 7]}""", "permissions.1")]
    [InlineData("""{"name": "x", "metadata": "env"}""", "metadata")]
    [InlineData("""{"name": "x", "is_active": "yes"}""", "is_active")]
    [InlineData("""{"name": "x", "user_id": true}""", "user_id")]
    [InlineData("""[{"name": "x"}]""", "body")]
    [InlineData("\"x\"", "body")]
    public async Task Create_WrongTypeOrFormat_Answers422NamingTheField(string json, string field)
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json(json));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var body = await response.ReadJsonAsync();
        body.GetProperty("message").GetString().Should().Be("Validation failed");
        body.GetProperty("errors").GetProperty(field).GetArrayLength().Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{'name': 'x'}")]
    [InlineData("")]
    public async Task Create_MalformedJson_Answers400WithErrorShape(string json)
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json(json));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.ReadJsonAsync();
        body.PropertyNames().Should().BeEquivalentTo("message", "errors");
        body.GetProperty("errors").GetProperty("body").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Create_DeeplyNestedJson_Answers4xx()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));
        var json = "{\"name\": \"x\", \"metadata\": " + string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100) + "}";

        var response = await client.PostAsync("/api/v1/api-keys", SampleHost.Json(json));

        ((int)response.StatusCode).Should().BeInRange(400, 499);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Create_BodyOver64KiB_Answers413WithErrorShape(bool declareLength)
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));
        var json = $"{{\"name\": \"x\", \"metadata\": {{\"pad\": \"{new string('x', 65 * 1024)}\"}}}}";
        HttpContent content = declareLength ? SampleHost.Json(json) : new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync("/api/v1/api-keys", content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var body = await response.ReadJsonAsync();
        body.PropertyNames().Should().BeEquivalentTo("message", "errors");
        body.GetProperty("errors").GetProperty("body").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Create_PlainKey_IsNeverShownAgain()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));
        var created = await (await client.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "once"}"""))).ReadJsonAsync();
        var plainKey = created.GetProperty("plain_key").GetString()!;

        var listing = await client.GetStringAsync("/api/v1/api-keys");

        listing.Should().NotContain(plainKey).And.NotContain(plainKey[8..]).And.NotContain("plain_key");
    }

    /// <summary>A body sent chunked, without Content-Length, so the limit must be enforced while reading.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
