using Credentials.Jwt;
using Credentials.Secrets;

namespace Credentials.Core.Tests.Jwt;

public class ValidatedJwtCacheTests
{
    private static readonly JwtValidationResult Valid = JwtValidationResult.Success(new ValidatedJwt { KeyId = "k" });

    [Fact]
    public void TryGet_BeforeExpiryUnderTheSameRing_Hits()
    {
        var cache = new ValidatedJwtCache(10);
        cache.Add(SecretHasher.Sha256("token"), Valid, expiresAtMs: 2_000, ringVersion: 1);

        cache.TryGet(SecretHasher.Sha256("token"), 1_999, 1, out var hit).Should().BeTrue();
        hit.Should().BeSameAs(Valid);
    }

    [Theory]
    [InlineData(2_000, 1)]
    [InlineData(1_000, 2)]
    public void TryGet_ExpiredOrRingChanged_Misses(long nowMs, int ringVersion)
    {
        var cache = new ValidatedJwtCache(10);
        cache.Add(SecretHasher.Sha256("token"), Valid, expiresAtMs: 2_000, ringVersion: 1);

        cache.TryGet(SecretHasher.Sha256("token"), nowMs, ringVersion, out _).Should().BeFalse();
        cache.TryGet(SecretHasher.Sha256("other"), 0, 1, out _).Should().BeFalse();
    }

    [Fact]
    public void Add_BeyondCapacity_StaysBounded()
    {
        var cache = new ValidatedJwtCache(3);
        for (var i = 0; i < 10; i++)
        {
            cache.Add(SecretHasher.Sha256($"token{i}"), Valid, 2_000, 1);
        }

        Enumerable.Range(0, 10).Count(i => cache.TryGet(SecretHasher.Sha256($"token{i}"), 0, 1, out _)).Should().BeLessThanOrEqualTo(3);
        cache.TryGet(SecretHasher.Sha256("token9"), 0, 1, out _).Should().BeTrue("the newest entry is kept");
    }
}
