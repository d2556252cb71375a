using Credentials.ApiKeys;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>
/// <see cref="IApiKeyService.UpdateMeteringAsync"/>: a key's rate limits and credits changed after creation, by whoever
/// may manage the key (never a metered key), checked like creation, and in effect at the next verification.
/// </summary>
public sealed class ApiKeyMeteringChangeTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task UpdateMeteringAsync_OwnKey_NewLimitsAndCreditsHoldAtTheNextVerification()
    {
        await using var host = new ApiKeyTestHost(o => o.ApiKeys.VerificationCacheDuration = Minute);
        var created = await host.CreateAsync(request: new ApiKeyCreateRequest { Name = "k", RateLimits = [new ApiKeyRateLimit { Limit = 1, Window = Minute }] });
        await host.VerifyAsync(created.PlainKey);
        var change = new ApiKeyMeteringRequest
        {
            RateLimits = [new ApiKeyRateLimit { Limit = 5, Window = Minute }],
            Credits = new ApiKeyCredits { Remaining = 2, Refill = new ApiKeyCreditRefill { Amount = 2, Interval = TimeSpan.FromHours(1) } },
        };

        var changed = await host.Service.UpdateMeteringAsync(created.Key!.Uuid, change, ApiKeyTestHost.Owner(), CancellationToken.None);
        var results = new[] { await host.VerifyAsync(created.PlainKey), await host.VerifyAsync(created.PlainKey), await host.VerifyAsync(created.PlainKey) };

        changed.Succeeded.Should().BeTrue();
        changed.Key!.Credits!.RefilledAt.Should().Be(ApiKeyTestHost.Start, "a new refill counts from the change");
        results.Select(r => r.Failure).Should().Equal(null, null, ApiKeyVerificationFailure.UsageExceeded);
        results[0].RateLimit!.Remaining.Should().Be(4, "a changed limit starts a fresh window");
    }

    [Fact]
    public async Task UpdateMeteringAsync_LimitsOnly_KeepsTheCreditsSpentSoFar()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: new ApiKeyCreateRequest { Name = "k", Credits = new ApiKeyCredits { Remaining = 3 } });
        await host.VerifyAsync(created.PlainKey);

        var changed = await host.Service.UpdateMeteringAsync(
            created.Key!.Uuid, new ApiKeyMeteringRequest { RateLimits = [new ApiKeyRateLimit { Limit = 9, Window = Minute }] }, ApiKeyTestHost.Owner(), CancellationToken.None);

        changed.Key!.Credits!.Remaining.Should().Be(2);
        changed.Key.RateLimits.Should().ContainSingle().Which.Limit.Should().Be(9);
    }

    [Fact]
    public async Task UpdateMeteringAsync_RemoveCredits_KeyStopsSpending()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync(request: new ApiKeyCreateRequest { Name = "k", Credits = new ApiKeyCredits { Remaining = 0 } });

        var changed = await host.Service.UpdateMeteringAsync(created.Key!.Uuid, new ApiKeyMeteringRequest { RemoveCredits = true }, ApiKeyTestHost.Owner(), CancellationToken.None);

        changed.Key!.Credits.Should().BeNull();
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        store.SpendCalls.Should().Be(0);
    }

    [Fact]
    public async Task UpdateMeteringAsync_InvalidOrEmptyChange_AreFieldErrorsAndChangeNothing()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();
        var uuid = created.Key!.Uuid;

        var invalid = await host.Service.UpdateMeteringAsync(
            uuid,
            new ApiKeyMeteringRequest { RateLimits = [new ApiKeyRateLimit { Limit = 0, Window = Minute }], Credits = new ApiKeyCredits { Remaining = -1 } },
            ApiKeyTestHost.Owner(),
            CancellationToken.None);
        var empty = await host.Service.UpdateMeteringAsync(uuid, new ApiKeyMeteringRequest(), ApiKeyTestHost.Owner(), CancellationToken.None);
        var both = await host.Service.UpdateMeteringAsync(
            uuid, new ApiKeyMeteringRequest { Credits = new ApiKeyCredits { Remaining = 1 }, RemoveCredits = true }, ApiKeyTestHost.Owner(), CancellationToken.None);

        invalid.Failure.Should().Be(ApiKeyMeteringFailure.Invalid);
        invalid.Errors["rate_limits"].Should().Equal("The rate_limits.0.limit must be at least 1.");
        invalid.Errors["credits"].Should().Equal("The credits.remaining field must be at least 0.");
        empty.Errors.Keys.Should().Equal("rate_limits");
        both.Errors.Keys.Should().Equal("credits");
        (await host.Store.FindByUuidAsync(uuid, CancellationToken.None)).Should().BeEquivalentTo(created.Key);
    }

    [Fact]
    public async Task UpdateMeteringAsync_MeteredKeyOrKeyWithoutManage_Forbidden()
    {
        await using var host = new ApiKeyTestHost();
        var target = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "target", Credits = new ApiKeyCredits { Remaining = 1 } });
        var (manager, _) = await host.CreateKeyActorAsync("user-1", ApiKeyPermissions.ManageOwn);
        var (_, reader) = await host.CreateKeyActorAsync("user-1", "read");
        var metering = new ApiKeyMeteringRequest { Credits = new ApiKeyCredits { Remaining = 100 } };
        (await host.Service.UpdateMeteringAsync(manager.Key!.Uuid, metering, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();
        var meteredManager = ApiKeyActor.ApiKey(await host.VerifyAsync(manager.PlainKey));
        var lift = new ApiKeyMeteringRequest { RemoveCredits = true };

        var byMeteredManager = await host.Service.UpdateMeteringAsync(target.Key!.Uuid, lift, meteredManager, CancellationToken.None);
        var byReader = await host.Service.UpdateMeteringAsync(target.Key.Uuid, lift, reader, CancellationToken.None);

        byMeteredManager.Failure.Should().Be(ApiKeyMeteringFailure.Forbidden, "a metered key could otherwise lift its siblings' metering, or its own");
        byReader.Failure.Should().Be(ApiKeyMeteringFailure.Forbidden);
    }

    [Fact]
    public async Task UpdateMeteringAsync_AnotherOwnersKeyOrUnknownUuid_NotFound()
    {
        await using var host = new ApiKeyTestHost();
        var others = await host.CreateAsync("user-2");
        var change = new ApiKeyMeteringRequest { RemoveCredits = true };

        var other = await host.Service.UpdateMeteringAsync(others.Key!.Uuid, change, ApiKeyTestHost.Owner("user-1"), CancellationToken.None);
        var unknown = await host.Service.UpdateMeteringAsync(Guid.NewGuid(), change, ApiKeyTestHost.Owner("user-1"), CancellationToken.None);

        other.Failure.Should().Be(ApiKeyMeteringFailure.NotFound);
        unknown.Failure.Should().Be(ApiKeyMeteringFailure.NotFound);
    }
}
