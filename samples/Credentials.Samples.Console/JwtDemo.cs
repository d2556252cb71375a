using Credentials;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Password login that issues a JWT, then validating it and watching a tampered copy fail.</summary>
internal static class JwtDemo
{
    private const string DemoPassword = "correct horse battery staple";

    /// <summary>
    /// JWT settings for the demo: an issuer, an audience and a signing key generated at start (development only;
    /// production configures Credentials:Jwt:SigningKeys).
    /// </summary>
    public static void DemoSettings(CredentialsOptions options)
    {
        options.Jwt.Issuer = "https://login.example.test";
        options.Jwt.Audience = "example-api";
        options.Jwt.UseDevelopmentSigningKey = true;
    }

    public static async Task RunAsync(IServiceProvider services)
    {
        Console.WriteLine();
        Console.WriteLine("== Password login issuing a JWT ==");
        // The in-memory user store (samples and tests); a real host registers its own IUserAuthenticator.
        services.GetRequiredService<InMemoryUserAuthenticator>().AddUser(
            new AuthenticatedUser { Id = "7f3c2a90", Username = "demo", Email = "demo@example.test", Permissions = ["api.keys.read"] },
            DemoPassword);
        using var scope = services.CreateScope();
        var login = scope.ServiceProvider.GetRequiredService<ILoginService>();
        var validator = services.GetRequiredService<IJwtValidator>();

        var refused = await login.LoginAsync("demo", "wrong password", CancellationToken.None);
        Console.WriteLine($"Wrong password: refused ({refused.Failure}).");

        var result = await login.LoginAsync("demo", DemoPassword, CancellationToken.None);
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
}
