using Credentials.ApiKeys;

namespace Credentials.Core.Tests.ApiKeys;

public class ApiKeyServiceManagementTests
{
    [Fact]
    public async Task ListAsync_Owner_OnlyTheirKeysOldestFirst()
    {
        await using var host = new ApiKeyTestHost();
        var first = await host.CreateAsync("user-1");
        await host.CreateAsync("user-2");
        var second = await host.CreateAsync("user-1");

        var listed = await host.ListAsync("user-1");

        listed.Select(k => k.Uuid).Should().Equal(first.Key!.Uuid, second.Key!.Uuid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("nobody")]
    public async Task ListAsync_BlankOrUnknownOwner_Empty(string? ownerId)
    {
        await using var host = new ApiKeyTestHost();
        await host.CreateAsync("user-1");

        (await host.ListAsync(ownerId)).Should().BeEmpty();
    }

    [Fact]
    public async Task FindAsync_KnownAndUnknownUuid_RecordOrNull()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        (await host.Service.FindAsync(created.Key!.Uuid, CancellationToken.None))!.Name.Should().Be("test key");
        (await host.Service.FindAsync(Guid.NewGuid(), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task DeactivateAsync_Known_ReturnsInactiveRecord()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var updated = await host.Service.DeactivateAsync(created.Key!.Uuid, CancellationToken.None);

        updated!.IsActive.Should().BeFalse();
        (await host.Service.ReactivateAsync(created.Key.Uuid, CancellationToken.None))!.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task SetActiveAsync_UnknownUuid_Null()
    {
        await using var host = new ApiKeyTestHost();

        (await host.Service.SetActiveAsync(Guid.NewGuid(), false, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task DeleteAsync_KnownThenAgain_TrueThenFalse()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        (await host.Service.DeleteAsync(created.Key!.Uuid, CancellationToken.None)).Should().BeTrue();
        (await host.Service.DeleteAsync(created.Key.Uuid, CancellationToken.None)).Should().BeFalse();
        (await host.ListAsync("user-1")).Should().BeEmpty();
    }

    [Fact]
    public async Task RollAsync_UnknownUuid_NotFound()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.RollAsync(Guid.NewGuid(), TimeSpan.FromHours(1), CancellationToken.None);

        result.Status.Should().Be(ApiKeyRollStatus.NotFound);
        result.Succeeded.Should().BeFalse();
        result.PlainKey.Should().BeNull();
    }

    [Fact]
    public async Task RollAsync_InactiveKey_InactiveAndOldKeyUnchanged()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();
        await host.Service.DeactivateAsync(created.Key!.Uuid, CancellationToken.None);

        var result = await host.Service.RollAsync(created.Key.Uuid, TimeSpan.FromHours(1), CancellationToken.None);

        result.Status.Should().Be(ApiKeyRollStatus.Inactive);
        (await host.Service.FindAsync(created.Key.Uuid, CancellationToken.None))!.Hash.Should().Be(created.Key.Hash);
    }

    [Fact]
    public async Task RollAsync_ExpiredKey_Expired()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: new ApiKeyCreateRequest { Name = "k", ExpiresAt = ApiKeyTestHost.Start.AddMinutes(5) });
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromHours(1), CancellationToken.None);

        result.Status.Should().Be(ApiKeyRollStatus.Expired);
    }

    [Fact]
    public async Task RollAsync_NegativeOrEndlessGrace_InvalidGracePeriod()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        (await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromTicks(-1), CancellationToken.None)).Status.Should().Be(ApiKeyRollStatus.InvalidGracePeriod);
        (await host.Service.RollAsync(created.Key.Uuid, TimeSpan.MaxValue, CancellationToken.None)).Status.Should().Be(ApiKeyRollStatus.InvalidGracePeriod);
        (await host.VerifyAsync(created.PlainKey)).Status.Should().Be(ApiKeyVerificationStatus.Valid);
    }

    [Fact]
    public async Task RollAsync_Twice_FirstSecretStopsAtOnce()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var second = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromHours(1), CancellationToken.None);
        var third = await host.Service.RollAsync(created.Key.Uuid, TimeSpan.FromHours(1), CancellationToken.None);

        (await host.VerifyAsync(created.PlainKey)).Status.Should().Be(ApiKeyVerificationStatus.Unknown);
        (await host.VerifyAsync(second.PlainKey)).Status.Should().Be(ApiKeyVerificationStatus.Valid);
        (await host.VerifyAsync(third.PlainKey)).Status.Should().Be(ApiKeyVerificationStatus.Valid);
    }

    [Fact]
    public async Task RollResult_ToString_RedactsThePlainKey()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var rolled = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.Zero, CancellationToken.None);

        rolled.ToString().Should().Contain("redacted").And.NotContain(rolled.PlainKey![8..]);
    }
}
