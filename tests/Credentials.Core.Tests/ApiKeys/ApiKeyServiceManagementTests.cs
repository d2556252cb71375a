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

    [Fact]
    public async Task ListAsync_OwnerWithoutKeys_Empty()
    {
        await using var host = new ApiKeyTestHost();
        await host.CreateAsync("user-1");

        (await host.ListAsync("nobody")).Should().BeEmpty();
    }

    [Fact]
    public async Task FindAsync_KnownAndUnknownUuid_RecordOrNotFound()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        (await host.Service.FindAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Key!.Name.Should().Be("test key");
        (await host.Service.FindAsync(Guid.NewGuid(), ApiKeyTestHost.Owner(), CancellationToken.None)).Failure.Should().Be(ApiKeyManagementFailure.NotFound);
    }

    [Fact]
    public async Task DeactivateAsync_Known_ReturnsInactiveRecord()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var updated = await host.Service.DeactivateAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None);

        updated.Key!.IsActive.Should().BeFalse();
        (await host.Service.ReactivateAsync(created.Key.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Key!.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task SetActiveAsync_UnknownUuid_NotFound()
    {
        await using var host = new ApiKeyTestHost();

        (await host.Service.SetActiveAsync(Guid.NewGuid(), false, ApiKeyTestHost.Owner(), CancellationToken.None)).Failure.Should().Be(ApiKeyManagementFailure.NotFound);
    }

    [Fact]
    public async Task DeleteAsync_KnownThenAgain_SucceededThenNotFound()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        (await host.Service.DeleteAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();
        (await host.Service.DeleteAsync(created.Key.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Failure.Should().Be(ApiKeyManagementFailure.NotFound);
        (await host.ListAsync("user-1")).Should().BeEmpty();
    }

    [Fact]
    public async Task RollAsync_UnknownUuid_NotFound()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.RollAsync(Guid.NewGuid(), TimeSpan.FromHours(1), ApiKeyTestHost.Owner(), CancellationToken.None);

        result.Failure.Should().Be(ApiKeyRollFailure.NotFound);
        result.Succeeded.Should().BeFalse();
        result.PlainKey.Should().BeNull();
    }

    [Fact]
    public async Task RollAsync_InactiveKey_InactiveAndOldKeyUnchanged()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();
        await host.Service.DeactivateAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None);

        var result = await host.Service.RollAsync(created.Key.Uuid, TimeSpan.FromHours(1), ApiKeyTestHost.Owner(), CancellationToken.None);

        result.Failure.Should().Be(ApiKeyRollFailure.Inactive);
        (await host.Store.FindByUuidAsync(created.Key.Uuid, CancellationToken.None))!.Hash.Should().Be(created.Key.Hash);
    }

    [Fact]
    public async Task RollAsync_ExpiredKey_Expired()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: new ApiKeyCreateRequest { Name = "k", ExpiresAt = ApiKeyTestHost.Start.AddMinutes(5) });
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromHours(1), ApiKeyTestHost.Owner(), CancellationToken.None);

        result.Failure.Should().Be(ApiKeyRollFailure.Expired);
    }

    [Fact]
    public async Task RollAsync_NegativeOrEndlessGrace_InvalidGracePeriod()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        (await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromTicks(-1), ApiKeyTestHost.Owner(), CancellationToken.None)).Failure.Should().Be(ApiKeyRollFailure.InvalidGracePeriod);
        (await host.Service.RollAsync(created.Key.Uuid, TimeSpan.MaxValue, ApiKeyTestHost.Owner(), CancellationToken.None)).Failure.Should().Be(ApiKeyRollFailure.InvalidGracePeriod);
        (await host.Service.RollAsync(created.Key.Uuid, TimeSpan.FromSeconds(int.MaxValue), ApiKeyTestHost.Owner(), CancellationToken.None)).Failure.Should().Be(ApiKeyRollFailure.InvalidGracePeriod);
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task RollAsync_GraceBeyondTheConfiguredMaximum_InvalidGracePeriodAndNothingChanged()
    {
        await using var host = new ApiKeyTestHost(o => o.ApiKeys.MaxRollGracePeriod = TimeSpan.FromHours(1));
        var created = await host.CreateAsync();

        var atMaximum = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromHours(1), ApiKeyTestHost.Owner(), CancellationToken.None);
        var beyond = await host.Service.RollAsync(created.Key.Uuid, TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1), ApiKeyTestHost.Owner(), CancellationToken.None);

        atMaximum.Succeeded.Should().BeTrue();
        beyond.Failure.Should().Be(ApiKeyRollFailure.InvalidGracePeriod);
        (await host.VerifyAsync(atMaximum.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task RollAsync_DefaultMaximum_SevenDays()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var beyond = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1), ApiKeyTestHost.Owner(), CancellationToken.None);
        var atMaximum = await host.Service.RollAsync(created.Key.Uuid, TimeSpan.FromDays(7), ApiKeyTestHost.Owner(), CancellationToken.None);

        beyond.Failure.Should().Be(ApiKeyRollFailure.InvalidGracePeriod);
        atMaximum.Key!.PreviousHashExpiresAt.Should().Be(ApiKeyTestHost.Start.AddDays(7));
    }

    [Fact]
    public async Task RollAsync_Twice_FirstSecretStopsAtOnce()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var second = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromHours(1), ApiKeyTestHost.Owner(), CancellationToken.None);
        var third = await host.Service.RollAsync(created.Key.Uuid, TimeSpan.FromHours(1), ApiKeyTestHost.Owner(), CancellationToken.None);

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        (await host.VerifyAsync(second.PlainKey)).Succeeded.Should().BeTrue();
        (await host.VerifyAsync(third.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task RollResult_ToString_RedactsThePlainKey()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var rolled = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.Zero, ApiKeyTestHost.Owner(), CancellationToken.None);

        rolled.ToString().Should().Contain("redacted").And.NotContain(rolled.PlainKey![8..]);
    }
}
