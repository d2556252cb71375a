using Credentials.Core.Tests.Users;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Argon2.Tests;

/// <summary>Users whose stored hash is PBKDF2 (ours or ASP.NET Core Identity's) still log in, and move to Argon2id.</summary>
public class Argon2idMigrationTests
{
    private const string Password = PasswordHashFixtures.Password;

    private static readonly Argon2idPasswordHasher Hasher = Argon2idPasswordHasherTests.CreateHasher();

    public static TheoryData<string> Pbkdf2Hashes() =>
    [
        PasswordHashFixtures.Pbkdf2Hash,
        PasswordHashFixtures.IdentityHasher(PasswordHasherCompatibilityMode.IdentityV2).HashPassword(new object(), Password),
        PasswordHashFixtures.IdentityHasher(PasswordHasherCompatibilityMode.IdentityV3).HashPassword(new object(), Password),
    ];

    [Theory]
    [MemberData(nameof(Pbkdf2Hashes))]
    public void Verify_Pbkdf2Hash_SuccessRehashNeededAfterTheConfiguredArgon2idWork(string hash)
    {
        var start = Argon2idKdf.WorkOnThisThread;

        Hasher.Verify(hash, Password).Should().Be(PasswordVerification.SuccessRehashNeeded);

        (Argon2idKdf.WorkOnThisThread - start).Should().Be(Argon2idPasswordHasherTests.Work, "a PBKDF2 hash is topped up with the full Argon2id work");
    }

    [Theory]
    [MemberData(nameof(Pbkdf2Hashes))]
    public void Verify_Pbkdf2HashWrongPassword_Failed(string hash)
    {
        Hasher.Verify(hash, "not the password").Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void Verify_HashOfTheDefaultHasherBefore_SuccessRehashNeeded()
    {
        using var before = Provider(argon2id: false);
        using var after = Provider(argon2id: true);
        var stored = before.GetRequiredService<IPasswordHasher>().Hash(Password);

        after.GetRequiredService<IPasswordHasher>().Verify(stored, Password).Should().Be(PasswordVerification.SuccessRehashNeeded);
    }

    [Theory]
    [MemberData(nameof(Pbkdf2Hashes))]
    public async Task AuthenticateAsync_UserWithPbkdf2Hash_LogsInAndIsRehashedToArgon2id(string hash)
    {
        using var provider = Provider(argon2id: true);
        var users = provider.GetRequiredService<InMemoryUserAuthenticator>();
        users.AddUserWithPasswordHash(new AuthenticatedUser { Id = "42", Username = "ada" }, hash);

        var first = await users.AuthenticateAsync("ada", Password, CancellationToken.None);
        var second = await users.AuthenticateAsync("ada", Password, CancellationToken.None);

        first.Succeeded.Should().BeTrue();
        first.RehashNeeded.Should().BeTrue();
        second.Succeeded.Should().BeTrue();
        second.RehashNeeded.Should().BeFalse("the first login stored an Argon2id hash at the configured parameters");
    }

    private static ServiceProvider Provider(bool argon2id)
    {
        var services = new ServiceCollection();
        var credentials = services.AddCredentials(o => o.Passwords.Iterations = PasswordHashingOptions.MinimumIterations);
        if (argon2id)
        {
            credentials.UseArgon2idPasswords(o =>
            {
                o.MemorySizeKiB = Argon2idPasswordOptions.MinimumMemorySizeKiB;
                o.Iterations = 5;
            });
        }

        return services.BuildServiceProvider();
    }
}
