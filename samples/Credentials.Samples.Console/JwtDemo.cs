using System.Security.Cryptography;
using System.Text;
using Credentials;
using Credentials.Jwt;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Password login that issues a JWT, then validating it and watching a tampered copy fail.</summary>
internal static class JwtDemo
{
    /// <summary>
    /// JWT settings for the demo: an issuer, an audience and a signing key generated at start (development only;
    /// production configures Credentials:Jwt:SigningKeys). The user store is a one-user stand-in.
    /// </summary>
    public static void AddDemoSettings(IServiceCollection services)
    {
        services.Configure<CredentialsOptions>(o =>
        {
            o.Jwt.Issuer = "https://login.example.test";
            o.Jwt.Audience = "example-api";
            o.Jwt.UseDevelopmentSigningKey = true;
        });
        services.AddSingleton<IUserAuthenticator, DemoUserAuthenticator>();
    }

    public static async Task RunAsync(IServiceProvider services)
    {
        Console.WriteLine();
        Console.WriteLine("== Password login issuing a JWT ==");
        using var scope = services.CreateScope();
        var login = scope.ServiceProvider.GetRequiredService<ILoginService>();
        var validator = services.GetRequiredService<IJwtValidator>();

        var refused = await login.LoginAsync("demo", "wrong password", CancellationToken.None);
        Console.WriteLine($"Wrong password: refused ({refused.Failure}).");

        var result = await login.LoginAsync("demo", DemoUserAuthenticator.Password, CancellationToken.None);
        if (!result.Succeeded)
        {
            Console.WriteLine($"Login failed: {result.Failure}");
            return;
        }

        // The demo user's own token, printed so you can paste it into a JWT decoder.
        Console.WriteLine($"Logged in as {result.Username}; the token expires {result.ExpiresAt:u}.");
        Console.WriteLine($"Token: {result.Token}");

        var validated = validator.Validate(result.Token);
        if (validated.Succeeded)
        {
            var jwt = validated.Token;
            Console.WriteLine($"Valid: sub={jwt.Subject}, permissions=[{string.Join(", ", jwt.Permissions)}], kid={jwt.KeyId}.");
        }

        // Change one character of the claims: the signature no longer matches.
        var dot = result.Token.IndexOf('.', StringComparison.Ordinal);
        var tampered = result.Token[..(dot + 5)] + (result.Token[dot + 5] == 'A' ? 'B' : 'A') + result.Token[(dot + 6)..];
        Console.WriteLine($"Tampered copy: {validator.Validate(tampered).Failure}.");

        Console.WriteLine($"Public keys for other services (JWKS): {services.GetRequiredService<JwtKeyRing>().ExportJwks()}");
    }

    /// <summary>
    /// A stand-in user store with one user, demo / "correct horse battery staple". A real host plugs in its own
    /// IUserAuthenticator over its user database with salted, slow password hashes.
    /// </summary>
    private sealed class DemoUserAuthenticator : IUserAuthenticator
    {
        public const string Password = "correct horse battery staple";

        private static readonly byte[] PasswordDigest = SHA256.HashData(Encoding.UTF8.GetBytes(Password));

        private static readonly AuthenticatedUser Demo = new()
        {
            Id = "7f3c2a90-demo",
            Username = "demo",
            Email = "demo@example.test",
            Permissions = ["api.keys.read"],
        };

        public ValueTask<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken)
        {
            // Hash and compare whoever asks, so an unknown user costs the same as a wrong password.
            var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(password)), PasswordDigest);
            return ValueTask.FromResult(matches && username == Demo.Username
                ? UserAuthenticationResult.Success(Demo)
                : UserAuthenticationResult.Failed(UserAuthenticationFailure.InvalidCredentials));
        }
    }
}
