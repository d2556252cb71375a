using System.Net.Http.Headers;
using System.Text.Json;
using Credentials;
using Credentials.ApiKeys;
using Credentials.Client;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.EntityFrameworkCore;

// Proves the packed packages work together from package references, as a host uses them: a web host on EF Core
// (SQLite) serves an endpoint; a key created through the service fetches a web token over HTTP through the client
// package's handler, which then calls the endpoint; the Redis and Npgsql packages' registrations build.
var database = Path.Combine(Path.GetTempPath(), $"credentials-consumer-{Guid.NewGuid():N}.db");
try
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddDbContext<ConsumerDb>(o => o.UseSqlite($"Data Source={database};Pooling=false"));
    builder.Services.AddCredentials().AddAspNetCore().AddEntityFrameworkStores<ConsumerDb>().AddExpiredCredentialPurge();
    builder.Services.AddAuthorization();

    await using var app = builder.Build();
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<ConsumerDb>().Database.EnsureCreatedAsync();
    }

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

    var postgres = new ServiceCollection().AddLogging();
    postgres.AddCredentials().AddPostgreSqlInvalidation("Host=127.0.0.1;Port=1;Username=nobody");
    await using (postgres.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
    {
        // Resolving the channel would start its listener; building under ValidateOnBuild proves the registrations.
    }

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

    await app.StopAsync();
    Console.WriteLine($"package consumer: ok ({typeof(ICredentialsBuilder).Assembly.GetName().Version}; web token over HTTP through the client, EF Core on SQLite, Redis and PostgreSQL-channel registrations, Argon2id, the expired-credential purge)");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    File.Delete(database);
}

/// <summary>The host's own context: the library's tables come from ApplyCredentialsModel.</summary>
internal sealed class ConsumerDb(DbContextOptions<ConsumerDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}
