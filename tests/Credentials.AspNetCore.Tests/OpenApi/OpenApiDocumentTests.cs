using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Credentials.AspNetCore.Tests.OpenApi;

/// <summary>The sample host's <c>/openapi/v1.json</c>: valid, complete, and saying what the endpoints really read and answer.</summary>
public sealed class OpenApiDocumentTests : IClassFixture<SampleHost>
{
    private static readonly string[] Anonymous = ["POST /auth/login", "POST /auth/refresh", "GET /.well-known/jwks.json", "GET /"];

    private readonly SampleHost _host;

    public OpenApiDocumentTests(SampleHost host) => _host = host;

    public static TheoryData<string, string, int[]> StatusCodes => new()
    {
        { "post", "/auth/login", [200, 400, 401, 403, 413, 422, 429, 501] },
        { "post", "/auth/logout", [204, 400, 401, 403, 429] },
        { "post", "/auth/logout-all", [204, 401, 403, 429] },
        { "post", "/auth/refresh", [200, 400, 401, 413, 422, 501] },
        { "get", "/web-token", [200, 401, 403, 429] },
        { "post", "/api/v1/api-keys", [201, 400, 401, 403, 413, 422, 429] },
        { "get", "/api/v1/api-keys", [200, 401, 403, 429] },
        { "post", "/api/v1/api-keys/{uuid}/deactivate", [200, 401, 403, 404, 429] },
        { "post", "/api/v1/api-keys/{uuid}/activate", [200, 401, 403, 404, 429] },
        { "post", "/api/v1/api-keys/{uuid}/roll", [200, 400, 401, 403, 404, 409, 413, 422, 429] },
        { "delete", "/api/v1/api-keys/{uuid}", [204, 401, 403, 404, 429] },
        { "patch", "/api/v1/api-keys/{uuid}", [200, 400, 401, 403, 404, 413, 422, 429] },
        { "get", "/v1.0/accesskeys", [200, 401, 403, 429] },
        { "get", "/.well-known/jwks.json", [200] },
    };

    [Fact]
    public async Task Document_ReadByMicrosoftOpenApi_HasNoErrorsOrWarnings()
    {
        var text = await DocumentTextAsync(_host);
        var settings = new OpenApiReaderSettings();

        var result = OpenApiDocument.Parse(text, "json", settings);

        result.Diagnostic.Should().NotBeNull();
        result.Diagnostic!.Errors.Should().BeEmpty();
        result.Diagnostic.Warnings.Should().BeEmpty();
        result.Diagnostic.SpecificationVersion.Should().Be(OpenApiSpecVersion.OpenApi3_1);
        result.Document!.Paths.Should().ContainKey("/auth/login");
    }

    [Fact]
    public async Task Document_EveryMappedEndpoint_IsListed()
    {
        var document = await DocumentAsync(_host);
        var mapped = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m.ToLowerInvariant()} {OpenApiPath(e.RoutePattern.RawText!)}"))
            .Where(route => route != "get /openapi/{documentName}.json")
            .ToList();

        var listed = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name} {path.Name}"));

        mapped.Should().HaveCountGreaterThan(13);
        listed.Should().BeEquivalentTo(mapped);
    }

    [Theory]
    [MemberData(nameof(StatusCodes))]
    public async Task Document_CredentialsEndpoint_ListsEveryStatusCodeAndATag(string method, string path, int[] statuses)
    {
        var operation = (await DocumentAsync(_host)).GetProperty("paths").GetProperty(path).GetProperty(method);

        operation.GetProperty("responses").PropertyNames().Select(int.Parse).Should().BeEquivalentTo(statuses);
        operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().ContainSingle().Which.Should().StartWith("Credentials: ");
    }

    [Theory]
    [InlineData("/auth/login", "username", "password")]
    [InlineData("/auth/refresh", "refresh_token")]
    [InlineData("/api/v1/api-keys", "name", "expires_at", "permissions", "metadata", "is_active", "user_id", "rate_limits", "credits")]
    [InlineData("/api/v1/api-keys/{uuid}/roll", "grace_period_seconds")]
    [InlineData("/api/v1/api-keys/{uuid}", "rate_limits", "credits")]
    public async Task Document_RequestBody_HasTheApiFieldNames(string path, params string[] fields)
    {
        var document = await DocumentAsync(_host);

        var operations = document.GetProperty("paths").GetProperty(path);
        var schema = Resolve(document, (operations.TryGetProperty("post", out var post) ? post : operations.GetProperty("patch"))
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        schema.GetProperty("properties").PropertyNames().Should().BeEquivalentTo(fields);
    }

    [Fact]
    public async Task Document_SecuritySchemes_AreTheHandlersTransports()
    {
        var schemes = (await DocumentAsync(_host)).GetProperty("components").GetProperty("securitySchemes");

        schemes.PropertyNames().Should().BeEquivalentTo("bearer", "accesskey", "token");
        schemes.GetProperty("bearer").GetProperty("type").GetString().Should().Be("http");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("accesskey").GetProperty("in").GetString().Should().Be("query");
        schemes.GetProperty("token").GetProperty("name").GetString().Should().Be("token");
    }

    [Fact]
    public async Task Document_ProtectedOperations_RequireTheSchemes_AnonymousOnesDoNot()
    {
        var document = await DocumentAsync(_host);

        foreach (var (route, operation) in Operations(document))
        {
            var security = operation.TryGetProperty("security", out var requirements)
                ? requirements.EnumerateArray().SelectMany(r => r.PropertyNames()).ToList()
                : [];
            if (Anonymous.Contains(route))
            {
                security.Should().BeEmpty(route);
            }
            else
            {
                security.Should().BeEquivalentTo(["bearer", "accesskey", "token"], route);
            }
        }
    }

    [Fact]
    public async Task Document_HeaderOnAndQueryOff_SchemesFollowTheOptions()
    {
        using var host = new SampleHost
        {
            ConfigureServices = services => services.Configure<CredentialsAuthenticationOptions>(CredentialsAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.ApiKeyHeaderName = "X-Api-Key";
                o.AllowApiKeyInQuery = false;
                o.AllowJwtInQuery = false;
                o.AllowWebTokenInQuery = false;
            }),
        };
        var document = await DocumentAsync(host);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var listing = document.GetProperty("paths").GetProperty("/v1.0/accesskeys").GetProperty("get").GetProperty("security");

        schemes.PropertyNames().Should().BeEquivalentTo("bearer", "apiKeyHeader");
        schemes.GetProperty("apiKeyHeader").GetProperty("in").GetString().Should().Be("header");
        schemes.GetProperty("apiKeyHeader").GetProperty("name").GetString().Should().Be("X-Api-Key");
        listing.EnumerateArray().SelectMany(r => r.PropertyNames()).Should().BeEquivalentTo("bearer", "apiKeyHeader");
    }

    /// <summary>The documented bodies are the real ones: each field a real answer carries is in its schema.</summary>
    [Fact]
    public async Task Document_ResponseSchemas_CoverTheRealAnswers()
    {
        var document = await DocumentAsync(_host);
        using var anonymous = _host.CreateClient();
        var login = await anonymous.PostAsJsonAsync("/auth/login", new { username = "alice", password = "alice-password" });
        using var user = _host.CreateClient((await login.ReadJsonAsync()).GetProperty("token").GetString()!);
        var created = await user.PostAsJsonAsync("/api/v1/api-keys", new
        {
            name = "Documented",
            permissions = new[] { "read" },
            rate_limits = new[] { new { name = "burst", limit = 10, window_seconds = 60 } },
            credits = new { remaining = 5, refill = new { amount = 5, interval_seconds = 3600 } },
        });
        var uuid = (await created.ReadJsonAsync()).GetProperty("api_key").GetProperty("uuid").GetString();

        var answers = new (string Method, string Path, int Status, HttpResponseMessage Response)[]
        {
            ("post", "/auth/login", 200, login),
            ("post", "/api/v1/api-keys", 201, created),
            ("get", "/api/v1/api-keys", 200, await user.GetAsync("/api/v1/api-keys")),
            ("post", "/api/v1/api-keys/{uuid}/deactivate", 200, await user.PostAsync($"/api/v1/api-keys/{uuid}/deactivate", null)),
            ("post", "/api/v1/api-keys/{uuid}/roll", 404, await user.PostAsync($"/api/v1/api-keys/{Guid.NewGuid()}/roll", null)),
            ("post", "/api/v1/api-keys", 422, await user.PostAsJsonAsync("/api/v1/api-keys", new { name = 1 })),
            ("post", "/auth/login", 401, await anonymous.PostAsJsonAsync("/auth/login", new { username = "alice", password = "wrong" })),
            ("get", "/web-token", 403, await user.GetAsync("/web-token")),
            ("get", "/.well-known/jwks.json", 200, await anonymous.GetAsync("/.well-known/jwks.json")),
        };

        foreach (var (method, path, status, response) in answers)
        {
            response.StatusCode.Should().Be((HttpStatusCode)status, $"{method} {path}");
            var schema = ResponseSchema(document, method, path, status);
            AssertCovers(document, schema, await response.ReadJsonAsync(), $"{method} {path} {status}");
        }
    }

    [Fact]
    public async Task Document_WebToken_CoversTheRealAnswer()
    {
        var document = await DocumentAsync(_host);
        var (plainKey, _) = await _host.CreateKeyAsync("alice", "Token key", "read");
        using var key = _host.CreateClient(plainKey);

        var response = await key.GetAsync("/web-token");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertCovers(document, ResponseSchema(document, "get", "/web-token", 200), await response.ReadJsonAsync(), "GET /web-token");
    }

    private static void AssertCovers(JsonElement document, JsonElement schema, JsonElement value, string because)
    {
        schema = Resolve(document, schema);
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in value.EnumerateObject())
            {
                properties.TryGetProperty(property.Name, out var propertySchema).Should().BeTrue($"{because}: '{property.Name}' is documented");
                AssertCovers(document, propertySchema, property.Value, $"{because}.{property.Name}");
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            foreach (var item in value.EnumerateArray())
            {
                AssertCovers(document, items, item, $"{because}[]");
            }
        }
    }

    private static JsonElement ResponseSchema(JsonElement document, string method, string path, int status) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses")
            .GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("content").EnumerateObject().Single().Value.GetProperty("schema");

    /// <summary>Follows <c>$ref</c>, and a nullable wrapper (<c>oneOf: [null, {$ref}]</c>), to the schema itself.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]));
        }

        return schema.TryGetProperty("oneOf", out var options)
            ? Resolve(document, options.EnumerateArray().Single(o => !(o.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null")))
            : schema;
    }

    private static IEnumerable<(string Route, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Select(method => ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value)));

    private static string OpenApiPath(string pattern) => pattern.Replace(":guid", string.Empty, StringComparison.Ordinal);

    private static async Task<string> DocumentTextAsync(SampleHost host)
    {
        using var client = host.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> DocumentAsync(SampleHost host)
    {
        using var document = JsonDocument.Parse(await DocumentTextAsync(host));
        return document.RootElement.Clone();
    }
}
