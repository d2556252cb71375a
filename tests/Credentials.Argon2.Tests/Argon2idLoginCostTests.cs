using Credentials.Core.Tests.Users;
using Credentials.Jwt;
using Credentials.Login;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Argon2.Tests;

/// <summary>
/// Through the real login service with the Argon2id hasher at its defaults, a wrong password for a known user costs
/// what an unknown user costs (0.5 to 2 times), whatever the stored hash. Counted in Argon2id work
/// (<see cref="Argon2idKdf.WorkOnThisThread"/>) as Credentials.Core.Tests counts PBKDF2 work, not timed: the in-memory
/// authenticator answers synchronously, so the whole login runs on the calling thread.
/// </summary>
public class Argon2idLoginCostTests
{
    private const string WrongPassword = "not the passphrase";
    private const long ConfiguredWork = (long)Argon2idPasswordOptions.DefaultMemorySizeKiB * Argon2idPasswordOptions.DefaultIterations;

    private static readonly Dictionary<string, string> StoredHashByUsername = new(StringComparer.Ordinal)
    {
        ["argon2id-current"] = new Argon2idPasswordHasher(new Argon2idPasswordOptions(), new PasswordHashingOptions()).Hash(PasswordHashFixtures.Password),
        ["argon2id-weaker"] = new Argon2idPasswordHasher(new Argon2idPasswordOptions { MemorySizeKiB = 9_216, Iterations = 4 }, new PasswordHashingOptions()).Hash(PasswordHashFixtures.Password),
        ["argon2id-twice"] = new Argon2idPasswordHasher(new Argon2idPasswordOptions { Iterations = 4 }, new PasswordHashingOptions()).Hash(PasswordHashFixtures.Password),
        ["argon2id-above-bound"] = Argon2idPasswordHash.Render(4 * Argon2idPasswordOptions.DefaultMemorySizeKiB, 2, new byte[16], new byte[32]),
        ["argon2id-malformed"] = "$credentials-argon2id$v=1$m=19456,t=2,p=1$not base64$",
        ["pbkdf2"] = PasswordHashFixtures.Pbkdf2Hash,
        ["identity-v2"] = PasswordHashFixtures.IdentityHasher(PasswordHasherCompatibilityMode.IdentityV2).HashPassword(new object(), PasswordHashFixtures.Password),
        ["identity-v3"] = PasswordHashFixtures.IdentityHasher(PasswordHasherCompatibilityMode.IdentityV3).HashPassword(new object(), PasswordHashFixtures.Password),
        ["unknown-format"] = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
    };

    private static readonly Lazy<ServiceProvider> Host = new(() =>
    {
        var services = new ServiceCollection();
        services.AddCredentials(o =>
            {
                o.Jwt.Issuer = "https://login.example.com";
                o.Jwt.Audience = "example-api";
                o.Jwt.SigningKeys.Add(new JwtSigningKeyOptions { Algorithm = "HS256", Secret = Convert.ToBase64String(new byte[32]) });
            })
            .UseArgon2idPasswords();
        var provider = services.BuildServiceProvider();
        var users = provider.GetRequiredService<InMemoryUserAuthenticator>();
        foreach (var (username, hash) in StoredHashByUsername)
        {
            users.AddUserWithPasswordHash(new AuthenticatedUser { Id = username, Username = username }, hash);
        }

        return provider;
    });

    public static TheoryData<string> KnownUsernames() => [.. StoredHashByUsername.Keys];

    [Theory]
    [MemberData(nameof(KnownUsernames))]
    public async Task LoginAsync_WrongPasswordForAnyStoredHash_CostsHalfToTwiceAnUnknownUser(string username)
    {
        using var scope = Host.Value.CreateScope();
        var login = scope.ServiceProvider.GetRequiredService<ILoginService>();

        var unknown = await WorkOf(login, "nobody");
        var known = await WorkOf(login, username);

        unknown.Should().Be(ConfiguredWork);
        known.Should().BeInRange(unknown / 2, unknown * 2);
    }

    private static async Task<long> WorkOf(ILoginService login, string username)
    {
        var start = Argon2idKdf.WorkOnThisThread;
        var result = await login.LoginAsync(username, WrongPassword, CancellationToken.None);
        var work = Argon2idKdf.WorkOnThisThread - start;
        result.Failure.Should().Be(UserAuthenticationFailure.InvalidCredentials);
        return work;
    }
}
