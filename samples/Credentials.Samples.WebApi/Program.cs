using System.Security.Claims;
using Credentials.AspNetCore.Authentication;
using Credentials.Users;

// A minimal host that speaks the contracts of the three API documents: POST /auth/login, GET /web-token,
// POST /api/v1/api-keys, GET /v1.0/accesskeys and GET /.well-known/jwks.json, plus a page at /keys/ where people manage
// their own keys through those endpoints. Keys and tokens are in memory unless Credentials:Store names a SQLite file;
// the demo users come from appsettings.json (DemoUsers) and are for trying the API only.
var builder = WebApplication.CreateBuilder(args);

// Credentials:Store = "sqlite:credentials.db" keeps keys and tokens in a SQLite file across restarts; unset, in memory.
builder.Services.AddCredentials(builder.Configuration.GetSection("Credentials"))
    .AddAspNetCore()
    .AddSampleStorage(builder.Configuration["Credentials:Store"]);
builder.Services.AddOpenApi(o => o.AddCredentialsSecuritySchemes());
builder.Services.AddHealthChecks().AddCredentialsSigningKeys();

var app = builder.Build();
await SampleStorage.PrepareAsync(app.Services);

var users = app.Services.GetRequiredService<InMemoryUserAuthenticator>();
foreach (var demo in app.Configuration.GetSection("DemoUsers").Get<DemoUser[]>() ?? [])
{
    users.AddUser(new AuthenticatedUser { Id = demo.Id, Username = demo.Username, Email = demo.Email, Permissions = demo.Permissions }, demo.Password);
}

app.UseKeyManagementPage();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", () => Results.Json(new
{
    name = "Credentials sample",
    endpoints = new[]
    {
        "POST /auth/login {username, password} -> {username, token} (and refresh_token when Credentials:Sessions:EnableRefreshTokens is on)",
        "POST /auth/logout, POST /auth/logout-all (Authorization: Bearer <JWT>) -> 204: this session, or every session of the user, ends",
        "POST /auth/refresh {refresh_token} -> {username, token, refresh_token} when refresh tokens are on",
        "GET /web-token (Authorization: Bearer <API key>) -> {success, data: {token, expiresAt}}",
        "POST /api/v1/api-keys (Authorization: Bearer <JWT>) -> 201 {api_key, plain_key}",
        "GET /v1.0/accesskeys (Bearer header, ?token= or ?accesskey=) -> the caller's keys (a user, or a key with api.keys.manage.own)",
        "GET /whoami (any credential) -> who the request acts as and what it may do",
        "GET /.well-known/jwks.json -> the public signing keys",
        "GET /openapi/v1.json -> the OpenAPI document",
        "GET /healthz -> Healthy, Degraded or Unhealthy (the JWT signing keys)",
        "GET /keys/ -> a page where a user signs in and manages their own API keys",
    },
}));
app.MapCredentialsEndpoints();
app.MapOpenApi(); // GET /openapi/v1.json
app.MapHealthChecks("/healthz");

// An ordinary protected endpoint: any credential may call it, and it shows what the credential grants.
app.MapGet("/whoami", (HttpContext context) => Results.Json(new
{
    user_id = context.User.FindFirstValue(ClaimTypes.NameIdentifier),
    credential_kind = context.User.FindFirstValue(CredentialClaimTypes.CredentialKind),
    api_key_id = context.User.FindFirstValue(CredentialClaimTypes.ApiKeyId),
    grace_secret = context.User.HasClaim(CredentialClaimTypes.GraceSecret, "true"),
    permissions = context.User.FindAll(CredentialClaimTypes.Permission).Select(c => c.Value),
})).RequireAuthorization();

await app.RunAsync();

/// <summary>A demo user from configuration. Demo only: real hosts keep users in their own store.</summary>
internal sealed class DemoUser
{
    public string Id { get; set; } = string.Empty;

    public string Username { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string? Email { get; set; }

    public string[] Permissions { get; set; } = [];
}

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
