using System.Net.Http.Headers;
using System.Text.Json;
using Credentials;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Authorization;
using Credentials.Client;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Proves the packed packages work together from package references, as a host uses them: a web host on EF Core
// (SQLite) serves an endpoint; a key created through the service fetches a web token over HTTP through the client
// package's handler, which then calls the endpoint; the Redis and Npgsql packages' registrations build; an ASP.NET Core
// Identity user logs in through the login endpoint and its JWT opens an endpoint. On net8.0 (the .NET 8 runtime) the same,
// but the web host keeps the in-memory stores: Credentials.EntityFrameworkCore and Credentials.Argon2 are net10.0 only.
var database = Path.Combine(Path.GetTempPath(), $"credentials-consumer-{Guid.NewGuid():N}.db");
try
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
#if NET10_0_OR_GREATER
    builder.Services.AddDbContext<ConsumerDb>(o => o.UseSqlite($"Data Source={database};Pooling=false"));
    builder.Services.AddCredentials().AddAspNetCore().AddEntityFrameworkStores<ConsumerDb>().AddExpiredCredentialPurge();
#else
    builder.Services.AddCredentials().AddAspNetCore().AddExpiredCredentialPurge();
#endif
    builder.Services.AddAuthorization();

    await using var app = builder.Build();
#if NET10_0_OR_GREATER
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<ConsumerDb>().Database.EnsureCreatedAsync();
    }
#endif

    app.UseAuthentication();
    app.UseAuthorization();
    app.MapCredentialsEndpoints();
    app.MapGet("/secret", () => "the secret").RequireAuthorization();
    await app.StartAsync();
    var address = new Uri(app.Urls.First());

    string plainKey;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        string[] permissions = [ApiKeyPermissions.CreateOwn, "read"];
        app.Services.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "ci", Username = "ci", Permissions = permissions }, "(no password login here)");
        var created = await scope.ServiceProvider.GetRequiredService<IApiKeyService>().CreateAsync(
            new ApiKeyCreateRequest { Name = "consumer", Permissions = ["read"] }, ApiKeyActor.User("ci", permissions), CancellationToken.None);
        plainKey = created.Succeeded ? created.PlainKey : throw new InvalidOperationException($"create: {created.Failure}");
    }

    var client = new ServiceCollection().AddLogging();
    client.AddHttpClient("fetch", c => c.BaseAddress = address);
    client.AddHttpClient("api", c => c.BaseAddress = address).AddWebTokenHandler(async (services, ct) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/web-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", plainKey);
        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient("fetch").SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var data = body.RootElement.GetProperty("data");
        return FetchedWebToken.FromUnixSeconds(data.GetProperty("token").GetString()!, data.GetProperty("expiresAt").GetInt64());
    });
    await using var clientServices = client.BuildServiceProvider();
    var answer = await clientServices.GetRequiredService<IHttpClientFactory>().CreateClient("api").GetStringAsync(new Uri("/secret", UriKind.Relative));
    if (answer != "the secret")
    {
        throw new InvalidOperationException($"unexpected answer: {answer}");
    }

    var redis = new ServiceCollection().AddLogging();
    redis.AddCredentials().AddRedis("127.0.0.1:1,abortConnect=false,connectTimeout=100");
    await using (var redisServices = redis.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
    {
        _ = redisServices.GetRequiredService<IWebTokenStore>();
    }

#if NET10_0_OR_GREATER
    // The README's "several instances" registration, as written there, builds.
    var several = new ServiceCollection().AddLogging().AddRouting();
    several.AddDataProtection();
    several.AddDbContext<ConsumerDb>(o => o.UseSqlite($"Data Source={database}"));
    several.AddCredentials(o => o.ApiKeys.VerificationCacheDuration = TimeSpan.FromSeconds(30))
        .AddAspNetCore()
        .AddEntityFrameworkStores<ConsumerDb>()
        .AddRedis("127.0.0.1:1,abortConnect=false,connectTimeout=100")
        .UseManagedSigningKeys()
        .UseDataProtectionForSigningKeys();
    await using (several.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
    {
        // Building under ValidateOnBuild proves every registration can be constructed; resolving would connect.
    }
#endif

    var postgres = new ServiceCollection().AddLogging();
    postgres.AddCredentials().AddPostgreSqlInvalidation("Host=127.0.0.1;Port=1;Username=nobody");
    await using (postgres.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
    {
        // Resolving the channel would start its listener; building under ValidateOnBuild proves the registrations.
    }

#if NET10_0_OR_GREATER
    // Argon2id through the package's native libsodium: a hash made and verified proves the native library loads.
    var passwords = new ServiceCollection().AddLogging();
    passwords.AddCredentials().UseArgon2idPasswords(o => o.Iterations = 3);
    await using (var passwordServices = passwords.BuildServiceProvider())
    {
        var hasher = passwordServices.GetRequiredService<IPasswordHasher>();
        var stored = hasher.Hash("a passphrase");
        if (!stored.StartsWith("$credentials-argon2id$v=1$m=19456,t=3,p=1$", StringComparison.Ordinal)
            || hasher.Verify(stored, "a passphrase") != PasswordVerification.Success)
        {
            throw new InvalidOperationException("Argon2id: the hash did not verify");
        }
    }
#endif

    await LogInAsAnIdentityUserAsync();

    await app.StopAsync();
#if NET10_0_OR_GREATER
    const string covered = "web token over HTTP through the client, EF Core on SQLite, Redis and PostgreSQL-channel registrations, an Identity user's login, Argon2id, the expired-credential purge";
#else
    const string covered = "web token over HTTP through the client on the in-memory stores, Redis and PostgreSQL-channel registrations, an Identity user's login (Identity on EF Core 8), the expired-credential purge";
#endif
    Console.WriteLine($"package consumer: ok on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} ({typeof(ICredentialsBuilder).Assembly.GetName().Version}; {covered})");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    File.Delete(database);
}

// docs/identity.md's registration: Identity's users in their EF Core stores log in at POST /auth/login.
static async Task LogInAsAnIdentityUserAsync()
{
    await using var connection = new SqliteConnection("Data Source=:memory:");
    await connection.OpenAsync();
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddDbContext<IdentityDbContext>(o => o.UseSqlite(connection));
    builder.Services.AddIdentityCore<IdentityUser>().AddEntityFrameworkStores<IdentityDbContext>().AddSignInManager();
    builder.Services.AddCredentials(o =>
        {
            o.Jwt.Issuer = "consumer";
            o.Jwt.Audience = "consumer";
            o.Jwt.UseDevelopmentSigningKey = true;
        })
        .AddAspNetCore()
        .UseAspNetCoreIdentity<IdentityUser>(o => o.PermissionClaimType = "permission");
    builder.Services.AddAuthorization(o => o.AddPolicy("read", p => p.RequirePermission("read")));

    await using var app = builder.Build();
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.EnsureCreatedAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("consumer");
        var created = await users.CreateAsync(user, "Consumer-password-1");
        created = created.Succeeded ? await users.AddClaimAsync(user, new System.Security.Claims.Claim("permission", "read")) : created;
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"identity: {string.Join(", ", created.Errors.Select(e => e.Code))}");
        }
    }

    app.UseAuthentication();
    app.UseAuthorization();
    app.MapLogin();
    app.MapGet("/secret", () => "the identity secret").RequireAuthorization("read");
    await app.StartAsync();

    using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    using var login = await http.PostAsync(new Uri("/auth/login", UriKind.Relative), new StringContent(
        """{"username": "consumer", "password": "Consumer-password-1"}""", System.Text.Encoding.UTF8, "application/json"));
    login.EnsureSuccessStatusCode();
    using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/secret", UriKind.Relative));
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
    using var answer = await http.SendAsync(request);
    if (await answer.Content.ReadAsStringAsync() != "the identity secret")
    {
        throw new InvalidOperationException($"identity login: {answer.StatusCode}");
    }

    await app.StopAsync();
}

#if NET10_0_OR_GREATER
/// <summary>The host's own context: the library's tables come from ApplyCredentialsModel.</summary>
internal sealed class ConsumerDb(DbContextOptions<ConsumerDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}
#endif
