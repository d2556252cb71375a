using Credentials.Secrets;
using Credentials.Users;
using Microsoft.AspNetCore.Identity;

namespace Credentials.Core.Tests.Users;

/// <summary>The public entry point another hasher uses: the default hasher's answers, at the stored hash's own cost.</summary>
public class Pbkdf2PasswordHashesTests
{
    private const string Password = PasswordHashFixtures.Password;

    [Fact]
    public void Verify_OwnHashBelowConfiguredIterations_RehashNeededAtItsOwnCostOnly()
    {
        var start = PasswordKdf.WorkOnThisThread;

        Pbkdf2PasswordHashes.Verify(PasswordHashFixtures.Pbkdf2Hash, Password, new PasswordHashingOptions())
            .Should().Be(PasswordVerification.SuccessRehashNeeded);

        (PasswordKdf.WorkOnThisThread - start).Should().Be(1000, "the caller levels the cost; this entry point does not top up");
    }

    [Fact]
    public void Verify_OwnHashAtConfiguredIterations_Success()
    {
        Pbkdf2PasswordHashes.Verify(PasswordHashFixtures.Pbkdf2Hash, Password, new PasswordHashingOptions { Iterations = 1000 })
            .Should().Be(PasswordVerification.Success);
    }

    [Theory]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV2)]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV3)]
    public void Verify_AspNetIdentityHash_SuccessRehashNeeded(PasswordHasherCompatibilityMode mode)
    {
        var identityHash = PasswordHashFixtures.IdentityHasher(mode).HashPassword(new object(), Password);

        Pbkdf2PasswordHashes.Verify(identityHash, Password, new PasswordHashingOptions()).Should().Be(PasswordVerification.SuccessRehashNeeded);
    }

    [Theory]
    [InlineData("", Password)]
    [InlineData("$credentials-argon2id$v=1$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", Password)]
    [InlineData(PasswordHashFixtures.Pbkdf2Hash, "wrong")]
    [InlineData(PasswordHashFixtures.Pbkdf2Hash, "lone \ud800 surrogate")]
    [InlineData(PasswordHashFixtures.Pbkdf2Hash, "")]
    public void Verify_OtherStringOrWrongOrUnacceptablePassword_Failed(string hash, string password)
    {
        Pbkdf2PasswordHashes.Verify(hash, password, new PasswordHashingOptions()).Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void Verify_HashDearerThanTwiceTheConfiguredCost_FailedUnread()
    {
        var start = PasswordKdf.WorkOnThisThread;

        Pbkdf2PasswordHashes.Verify(PasswordHashFixtures.Pbkdf2Hash, Password, new PasswordHashingOptions { Iterations = 499 })
            .Should().Be(PasswordVerification.Failed);

        (PasswordKdf.WorkOnThisThread - start).Should().Be(0);
    }
}
