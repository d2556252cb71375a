using Credentials.ApiKeys;
using Credentials.Core.Tests.Secrets;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>The non-secret hint: the key's last characters, stored at creation and at every roll, never enough to weaken it.</summary>
public class ApiKeyHintTests
{
    [Fact]
    public void HintOf_KnownKey_ItsLastFourCharacters() =>
        ApiKeyFormat.HintOf("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN").Should().Be("P5GN");

    [Fact]
    public void HintLength_ShortestSecret_RevealsOnlyChecksumAndLeavesAtLeast128SecretBits()
    {
        var shortest = new ApiKeyFormat(new ApiKeyOptions { SecretBits = ApiKeyOptions.MinimumSecretBits });

        // Four base62 characters tell at most 4 * log2(62) bits about the key, whichever characters they are.
        var unrevealedBits = ApiKeyOptions.MinimumSecretBits - (ApiKeyFormat.HintLength * Math.Log2(62));

        ApiKeyFormat.HintLength.Should().BeLessThanOrEqualTo(ApiKeyFormat.ChecksumLength, "the hint shows checksum characters, never a secret character itself");
        unrevealedBits.Should().BeGreaterThanOrEqualTo(128);
        shortest.SecretLength.Should().BeGreaterThan(ApiKeyFormat.HintLength);
    }

    [Fact]
    public async Task CreateAsync_Created_StoresTheKeysLastFourCharactersAsItsHint()
    {
        await using var host = new ApiKeyTestHost();

        var created = await host.CreateAsync();

        created.Key!.Hint.Should().Be(created.PlainKey![^4..]);
        (await host.Store.FindByUuidAsync(created.Key.Uuid, CancellationToken.None))!.Hint.Should().Be(created.PlainKey[^4..]);
    }

    [Fact]
    public async Task RollAsync_Rolled_HintFollowsTheNewKey()
    {
        // A fixed random source makes both keys, hence both hints, the same on every run.
        await using var host = new ApiKeyTestHost(random: new FixedSecretRandom(1, 2, 3));
        var created = await host.CreateAsync();

        var rolled = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromHours(1), ApiKeyTestHost.Owner(), CancellationToken.None);

        rolled.Key!.Hint.Should().Be(rolled.PlainKey![^4..]).And.NotBe(created.Key.Hint);
        (await host.Store.FindByUuidAsync(created.Key.Uuid, CancellationToken.None))!.Hint.Should().Be(rolled.PlainKey[^4..]);
    }
}
