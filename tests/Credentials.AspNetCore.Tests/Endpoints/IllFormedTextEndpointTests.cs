using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Credentials.AspNetCore.Tests.Infrastructure;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>
/// Text that is not well-formed Unicode, as raw bytes or as JSON escapes, in any string of any body: a 400 in the API's
/// error shape, never a 500, and nothing stored or changed.
/// </summary>
public sealed class IllFormedTextEndpointTests : IClassFixture<SampleHost>
{
    /// <summary>Each sequence, as the bytes that go between the quotes of a JSON string.</summary>
    private static readonly Dictionary<string, byte[]> Sequences = new(StringComparer.Ordinal)
    {
        ["bad continuation C3 28"] = [0xC3, 0x28],
        ["lone FF"] = [0xFF],
        ["truncated E2 82"] = [0xE2, 0x82],
        ["overlong C0 AF"] = [0xC0, 0xAF],
        ["encoded surrogate ED A0 80"] = [0xED, 0xA0, 0x80],
        ["escaped lone high surrogate"] = Encoding.ASCII.GetBytes("\\ud800"),
        ["escaped lone low surrogate"] = Encoding.ASCII.GetBytes("\\udfff"),
        ["escaped reversed pair"] = Encoding.ASCII.GetBytes("\\udc00\\ud800"),
    };

    /// <summary>Bodies by the field that carries the sequence; ¤ marks where it goes. Roll has no grace, so a roll would stop the key.</summary>
    private static readonly Dictionary<string, string> LoginBodies = new(StringComparer.Ordinal)
    {
        ["username"] = """{"username": "ad¤min", "password": "admin-password"}""",
        ["password"] = """{"username": "admin", "password": "admin-¤password"}""",
    };

    private static readonly Dictionary<string, string> CreateBodies = new(StringComparer.Ordinal)
    {
        ["name"] = """{"name": "key ¤"}""",
        ["permissions item"] = """{"name": "key", "permissions": ["read", "wr¤ite"]}""",
        ["user_id"] = """{"name": "key", "user_id": "¤"}""",
        ["metadata key"] = """{"name": "key", "metadata": {"env¤": "production"}}""",
        ["metadata value"] = """{"name": "key", "metadata": {"env": "prod¤"}}""",
        ["expires_at"] = """{"name": "key", "expires_at": "2026-12-31T23:59:59Z¤"}""",
    };

    private static readonly Dictionary<string, string> RollBodies = new(StringComparer.Ordinal)
    {
        ["other field value"] = """{"grace_period_seconds": 0, "reason": "¤"}""",
        ["other field name"] = """{"grace_period_seconds": 0, "¤": "x"}""",
    };

    private readonly SampleHost _host;

    public IllFormedTextEndpointTests(SampleHost host) => _host = host;

    public static TheoryData<string, string> LoginCases => Cases(LoginBodies);

    public static TheoryData<string, string> CreateCases => Cases(CreateBodies);

    public static TheoryData<string, string> RollCases => Cases(RollBodies);

    [Theory]
    [MemberData(nameof(LoginCases))]
    public async Task Login_IllFormedTextInField_Answers400InErrorShape(string field, string sequence)
    {
        using var client = _host.CreateClient();

        var response = await client.PostAsync("/auth/login", Body(LoginBodies[field], sequence));

        await ShouldBeApiError400(response);
    }

    [Theory]
    [MemberData(nameof(CreateCases))]
    public async Task Create_IllFormedTextInField_Answers400AndStoresNothing(string field, string sequence)
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));
        var before = await KeyCountAsync(client);

        var response = await client.PostAsync("/api/v1/api-keys", Body(CreateBodies[field], sequence));

        await ShouldBeApiError400(response);
        (await KeyCountAsync(client)).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(RollCases))]
    public async Task Roll_IllFormedTextInBody_Answers400AndKeepsTheKey(string field, string sequence)
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", Body(RollBodies[field], sequence));

        await ShouldBeApiError400(response);
        (await _host.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.OK);
    }

    private static TheoryData<string, string> Cases(Dictionary<string, string> bodies)
    {
        var data = new TheoryData<string, string>();
        foreach (var field in bodies.Keys)
        {
            foreach (var sequence in Sequences.Keys)
            {
                data.Add(field, sequence);
            }
        }

        return data;
    }

    private static ByteArrayContent Body(string template, string sequence)
    {
        var parts = template.Split('¤');
        byte[] bytes = [.. Encoding.UTF8.GetBytes(parts[0]), .. Sequences[sequence], .. Encoding.UTF8.GetBytes(parts[1])];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task ShouldBeApiError400(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.ReadJsonAsync();
        body.PropertyNames().Should().BeEquivalentTo("message", "errors");
        body.GetProperty("message").ValueKind.Should().Be(JsonValueKind.String);
        body.GetProperty("errors").GetProperty("body").EnumerateArray().Should().ContainSingle()
            .Which.ValueKind.Should().Be(JsonValueKind.String);
    }

    private static async Task<int> KeyCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/api-keys")).ReadJsonAsync()).GetProperty("api_keys").GetArrayLength();
}
