using System.Security.Cryptography;
using Credentials.ApiKeys;
using Credentials.Jwt;
using Credentials.Users;

namespace Credentials.HttpBenchmarks.Host;

/// <summary>
/// Creates the credentials the benchmark presents, through the library's public services as a real host would: one
/// user, one API key it owns, that key's web token, and a JWT for the user.
/// </summary>
internal static class CredentialSeeder
{
    private const string UserId = "http-benchmark-user";
    private const string Username = "http-benchmark";

    /// <summary>Seeds and answers <c>name=value</c> lines (<c>apikey</c>, <c>webtoken</c>, <c>jwt</c>) for run.sh.</summary>
    public static async Task<string> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        if (provider.GetService<BenchmarkDbContext>() is { } context)
        {
            // A throwaway cluster: the host's own schema, as its migrations would make it.
            await context.Database.EnsureCreatedAsync(cancellationToken);
        }

        // The owner holds what its key carries (the ceiling is checked on every verification) and may create its own key.
        string[] keyPermissions = ["read"];
        provider.GetRequiredService<InMemoryUserAuthenticator>().AddUser(
            new AuthenticatedUser { Id = UserId, Username = Username, Permissions = [.. keyPermissions, "api.keys.create.own"] },
            RandomNumberGenerator.GetHexString(32));

        var keys = provider.GetRequiredService<IApiKeyService>();
        var created = await keys.CreateAsync(
            new ApiKeyCreateRequest { Name = "http-benchmark", OwnerId = UserId, Permissions = keyPermissions },
            ApiKeyActor.User(UserId, [.. keyPermissions, "api.keys.create.own"]),
            cancellationToken);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Creating the API key failed: {created}");
        }

        var verified = await keys.VerifyAsync(created.PlainKey, cancellationToken);
        if (!verified.Succeeded)
        {
            throw new InvalidOperationException($"Verifying the new API key failed: {verified}");
        }

        var webToken = await keys.IssueWebTokenAsync(ApiKeyActor.ApiKey(verified), cancellationToken);
        if (!webToken.Succeeded)
        {
            throw new InvalidOperationException($"Issuing the web token failed: {webToken}");
        }

        var jwt = provider.GetRequiredService<IJwtIssuer>().Issue(new JwtSubject { Id = UserId, Name = Username, Permissions = keyPermissions });
        return $"apikey={created.PlainKey}\nwebtoken={webToken.Token.Token}\njwt={jwt.Token}\n";
    }
}
