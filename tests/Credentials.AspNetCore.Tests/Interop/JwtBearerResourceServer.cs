using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>
/// A plain ASP.NET Core API that knows nothing of this library: JwtBearer alone, its keys from the issuer's JWKS
/// (<see cref="JwksConfigurationManager"/>), issuer, audience and algorithm pinned, on the issuer's clock (its
/// lifetime check, which otherwise reads the system time). A refused request says why in a header, so a test can tell a missing key from an
/// expired token.
/// </summary>
public sealed class JwtBearerResourceServer : IAsyncDisposable
{
    private const string FailureHeader = "X-Failure";

    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private JwtBearerResourceServer(WebApplication app, JwksConfigurationManager jwks)
    {
        _app = app;
        _client = app.GetTestClient();
        Jwks = jwks;
    }

    public JwksConfigurationManager Jwks { get; }

    /// <summary>Starts the API against <paramref name="issuer"/>'s JWKS and fetches it once.</summary>
    public static async Task<JwtBearerResourceServer> StartAsync(IssuingHost issuer)
    {
        var jwks = new JwksConfigurationManager(issuer.Client, issuer.JwksUri, IssuingHost.Issuer);
        await jwks.RefreshAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.ConfigurationManager = jwks;
            options.TimeProvider = issuer.Time;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = IssuingHost.Issuer,
                ValidAudience = IssuingHost.Audience,
                ValidAlgorithms = [issuer.Keys.Algorithm],
                LifetimeValidator = (notBefore, expires, _, parameters) => IsLive(notBefore, expires, parameters.ClockSkew, issuer.Time),
            };
            options.Events = new JwtBearerEvents
            {
                OnChallenge = context =>
                {
                    context.Response.Headers[FailureHeader] = Reason(context.AuthenticateFailure);
                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => Results.Text(user.FindFirstValue("sub"))).RequireAuthorization();
        await app.StartAsync();
        return new JwtBearerResourceServer(app, jwks);
    }

    /// <summary>Presents each token to <c>GET /me</c>.</summary>
    public async Task<IReadOnlyList<Verdict>> VerifyAsync(IEnumerable<string> tokens)
    {
        var verdicts = new List<Verdict>();
        foreach (var token in tokens)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await _client.SendAsync(request);
            verdicts.Add(response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "user-1"
                ? Verdict.Accept
                : Verdict.Refuse(response.Headers.TryGetValues(FailureHeader, out var reason) ? reason.Single() : $"status {(int)response.StatusCode}"));
        }

        return verdicts;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>JwtBearer's own lifetime rule (<c>nbf - skew &lt;= now &lt; exp + skew</c>) on the issuer's fake clock: its default check reads the system time.</summary>
    private static bool IsLive(DateTime? notBefore, DateTime? expires, TimeSpan skew, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return (notBefore is null || notBefore.Value - skew <= now) && expires is { } end && now < end + skew;
    }

    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenSignatureKeyNotFoundException => Verdict.UnknownKey,
        SecurityTokenInvalidLifetimeException => Verdict.Expired,
        null => "no failure",
        _ => failure.GetType().Name,
    };
}
