using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Endpoints;
using Credentials.Invalidation;
using Credentials.Jwt;
using Credentials.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>
/// One instance of a web host in memory, as a host would write it: its own service provider, its own connections
/// (an Npgsql pool named after the instance, a Redis multiplexer <c>AddRedis</c> opens), EF Core stores on the shared
/// database, the verification cache on for <see cref="CacheDuration"/>, every endpoint mapped, and <c>GET /whoami</c>
/// behind authorization as the host's own endpoint. Users live in each process, so each instance knows the owner.
/// </summary>
internal sealed class Instance : IAsyncDisposable
{
    public const string OwnerId = "owner-1";
    public const string OwnerUsername = "owner";
    public const string OwnerPassword = "the-owner's-password";

    /// <summary>How long a verified key's record is cached: long enough that only invalidation explains a quick refusal.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(60);

    private static readonly string[] OwnerPermissions = ["read", "api.keys.create.own", "api.keys.manage.own"];

    /// <summary>Every instance signs and validates with one key, as instances behind one load balancer do.</summary>
    private static readonly string SharedSigningSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly WebApplication _app;
    private readonly AsyncServiceScope _scope;

    private Instance(string name, WebApplication app)
    {
        Name = name;
        _app = app;
        _scope = app.Services.CreateAsyncScope();
        Keys = _scope.ServiceProvider.GetRequiredService<IApiKeyService>();
        Client = app.GetTestClient();
    }

    public string Name { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The instance's key service, from one scope that lives as long as the instance.</summary>
    public IApiKeyService Keys { get; }

    public ICredentialInvalidationChannel Channel => Services.GetRequiredService<ICredentialInvalidationChannel>();

    public HttpClient Client { get; }

    /// <summary>The owner acting as itself, as a signed-in user would.</summary>
    public static ApiKeyActor Owner { get; } = ApiKeyActor.User(OwnerId, OwnerPermissions);

    public static async Task<Instance> StartAsync(InstanceSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(settings.Clock);

        // An Application Name of its own gives each instance its own Npgsql pool, as separate processes would have.
        var database = new NpgsqlConnectionStringBuilder(settings.DatabaseConnectionString) { ApplicationName = settings.Name }.ConnectionString;
        builder.Services.AddDbContext<InstanceDbContext>(options => options.UseNpgsql(database));
        var credentials = builder.Services
            .AddCredentials(options =>
            {
                options.ApiKeys.VerificationCacheDuration = CacheDuration;
                options.Jwt.Issuer = "many-instances-tests";
                options.Jwt.Audience = "many-instances-tests";
                options.Jwt.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "HS256", Secret = SharedSigningSecret });
                options.Passwords.Iterations = PasswordHashingOptions.MinimumIterations;
            })
            .AddAspNetCore();
        AddStores(credentials, settings, database);
        builder.Services.Configure<CredentialsEndpointOptions>(options => settings.Throttle(options.LoginThrottle));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapCredentialsEndpoints();
        app.MapGet("/whoami", (HttpContext context) => context.User.Identity?.Name ?? "").RequireAuthorization();
        await app.StartAsync();
        app.Services.GetRequiredService<InMemoryUserAuthenticator>().AddUser(
            new AuthenticatedUser { Id = OwnerId, Username = OwnerUsername, Permissions = OwnerPermissions }, OwnerPassword);

        // Resolving the key service builds the verification cache, which subscribes to the channel from then on.
        return new Instance(settings.Name, app);
    }

    /// <summary>A new active key of the owner's, through this instance's key service; metered when asked.</summary>
    public async Task<(Guid Uuid, string PlainKey)> CreateKeyAsync(IReadOnlyList<ApiKeyRateLimit?>? rateLimits = null, ApiKeyCredits? credits = null)
    {
        var created = await Keys.CreateAsync(
            new ApiKeyCreateRequest { Name = "many-instances", OwnerId = OwnerId, Permissions = ["read"], RateLimits = rateLimits, Credits = credits },
            Owner,
            CancellationToken.None);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Creating a key on {Name} failed: {created}");
        }

        return (created.Key.Uuid, created.PlainKey);
    }

    /// <summary>The status of <c>GET /whoami</c> with this bearer credential: does it still work here?</summary>
    public async Task<HttpStatusCode> WhoAmIStatusAsync(string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary><c>GET /web-token</c> with the key: the key's one web token, replacing any before it.</summary>
    public async Task<string> IssueWebTokenAsync(string plainKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/web-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", plainKey);
        using var response = await Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("data").GetProperty("token").GetString()!;
    }

    /// <summary><c>POST /auth/login</c>; the response, for its status and body.</summary>
    public Task<HttpResponseMessage> LoginAsync(string username, string password) =>
        Client.PostAsync("/auth/login", JsonContent.Create(new { username, password }));

    /// <summary>The owner's JWT from <c>POST /auth/login</c>.</summary>
    public async Task<string> LoginAsOwnerAsync()
    {
        using var response = await LoginAsync(OwnerUsername, OwnerPassword);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary><c>POST /api/v1/api-keys/{uuid}/deactivate</c> as the bearer; the status.</summary>
    public async Task<HttpStatusCode> DeactivateOverHttpAsync(Guid uuid, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/api-keys/{uuid:D}/deactivate");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }

    // The last call wins for each service: the store named by WebTokens, the channel named by Transport.
    private static void AddStores(ICredentialsBuilder credentials, InstanceSettings settings, string database)
    {
        void AddRedis() => credentials.AddRedis(settings.RedisConnectionString, options => options.KeyPrefix = settings.KeyPrefix);

        switch (settings.Transport, settings.WebTokens)
        {
            case (InvalidationTransport.None, WebTokenStorage.EntityFramework):
                credentials.AddEntityFrameworkStores<InstanceDbContext>();
                break;
            case (InvalidationTransport.None, _):
                throw new ArgumentException("Web tokens on Redis bring the Redis channel with them.", nameof(settings));
            case (_, WebTokenStorage.Redis):
                credentials.AddEntityFrameworkStores<InstanceDbContext>();
                AddRedis();
                break;
            default:
                AddRedis();
                credentials.AddEntityFrameworkStores<InstanceDbContext>();
                break;
        }

        if (settings.Transport == InvalidationTransport.PostgreSql)
        {
            credentials.AddPostgreSqlInvalidation(database);
        }
    }
}
