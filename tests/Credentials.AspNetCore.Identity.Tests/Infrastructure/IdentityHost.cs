using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Credentials.AspNetCore.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Identity.Tests.Infrastructure;

/// <summary>
/// A web host whose users are ASP.NET Core Identity's, in its EF Core stores on an in-memory SQLite database (one
/// connection held open for the host's life), logging in through the library's real endpoints. Roles map to
/// permissions through <see cref="RolePermissions"/>, besides the users' own <c>permission</c> claims.
/// </summary>
internal sealed class IdentityHost : IAsyncDisposable
{
    public const string Password = "Correct-horse-1";

    /// <summary>What each role grants, the host's mapping under test.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolePermissions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["writer"] = ["write"],
        ["key-maker"] = ["api.keys.create.own"],
    };

    private readonly SqliteConnection _connection;
    private readonly WebApplication _app;

    private IdentityHost(SqliteConnection connection, WebApplication app, FakeTimeProvider clock)
    {
        _connection = connection;
        _app = app;
        Clock = clock;
        Client = app.GetTestClient();
    }

    public IServiceProvider Services => _app.Services;

    public HttpClient Client { get; }

    /// <summary>The library's clock (sessions, JWTs); Identity keeps its own for lockouts.</summary>
    public FakeTimeProvider Clock { get; }

    public static async Task<IdentityHost> StartAsync(
        Action<IdentityOptions>? identity = null, Action<CredentialsOptions>? credentials = null, Action<IServiceCollection>? services = null)
    {
        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddDbContext<IdentityDbContext>(o => o.UseSqlite(connection));
        builder.Services.AddIdentityCore<IdentityUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 3;
                identity?.Invoke(o);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddSignInManager()
            .AddTokenProvider<AuthenticatorTokenProvider<IdentityUser>>(TokenOptions.DefaultAuthenticatorProvider);
        // Identity's default cost is 100,000 iterations; a tenth keeps the suite quick and every comparison fair.
        builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 10_000);
        builder.Services.AddCredentials(o =>
            {
                o.Jwt.Issuer = "identity-tests";
                o.Jwt.Audience = "identity-tests";
                o.Jwt.UseDevelopmentSigningKey = true;
                credentials?.Invoke(o);
            })
            .AddAspNetCore()
            .UseAspNetCoreIdentity<IdentityUser>(o => o.MapPermissions = (_, claims, roles) =>
                claims.Where(c => c.Type == "permission").Select(c => c.Value)
                    .Concat(roles.SelectMany(r => RolePermissions.TryGetValue(r, out var granted) ? granted : [])));
        builder.Services.AddAuthorization();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapCredentialsEndpoints();
        app.MapGet("/whoami", (ClaimsPrincipal user) => user.FindAll("permission").Select(c => c.Value).Order(StringComparer.Ordinal).ToArray())
            .RequireAuthorization();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole("writer"));
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole("key-maker"));
        }

        await app.StartAsync();
        return new IdentityHost(connection, app, clock);
    }

    /// <summary>Creates a user with <see cref="Password"/>, its own permission claims and roles; returns its id.</summary>
    public async Task<string> CreateUserAsync(string username, string[]? permissions = null, string[]? roles = null, Func<UserManager<IdentityUser>, IdentityUser, Task>? configure = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(username) { Email = $"{username}@example.com" };
        (await users.CreateAsync(user, Password)).Succeeded.Should().BeTrue();
        foreach (var permission in permissions ?? [])
        {
            (await users.AddClaimAsync(user, new Claim("permission", permission))).Succeeded.Should().BeTrue();
        }

        if (roles is { Length: > 0 })
        {
            (await users.AddToRolesAsync(user, roles)).Succeeded.Should().BeTrue();
        }

        if (configure is not null)
        {
            await configure(users, user);
        }

        return user.Id;
    }

    /// <summary>Runs <paramref name="action"/> on the user through a fresh scope's <see cref="UserManager{TUser}"/>, as a host's own page would.</summary>
    public async Task<T> WithUserAsync<T>(string username, Func<UserManager<IdentityUser>, IdentityUser, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByNameAsync(username);
        user.Should().NotBeNull();
        return await action(users, user!);
    }

    public async Task<HttpResponseMessage> LoginAsync(string username, string password = Password) =>
        await Client.PostAsJsonAsync("/auth/login", new { username, password });

    /// <summary>Logs in and returns the JWT, and the refresh token when refresh tokens are on.</summary>
    public async Task<(string Token, string? RefreshToken)> LoginForTokenAsync(string username)
    {
        using var response = await LoginAsync(username);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var body = await ReadJsonAsync(response);
        return (body.GetProperty("token").GetString()!, body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null);
    }

    /// <summary>GET /whoami with this bearer credential: its status, and the permissions it carried when it was let in.</summary>
    public async Task<(int Status, string[] Permissions)> WhoAmIAsync(string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<string[]>())! : []);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
