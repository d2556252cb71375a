using Credentials.ApiKeys;

namespace Credentials.Testing;

// Usage credits and rate limits as stored: spend, refill, and how they round-trip.
public abstract partial class ApiKeyStoreContractTests
{
    private static readonly ApiKeyCreditRefill HourlyRefill = new() { Amount = 10, Interval = TimeSpan.FromHours(1) };

    /// <summary>Create keeps a key's rate limits and credits (with its refill) as given.</summary>
    [Fact]
    public async Task CreateAsync_RateLimitsAndCredits_RoundTrip()
    {
        var store = await CreateStoreAsync();
        ApiKeyRateLimit[] limits = [new() { Name = "default", Limit = 100, Window = TimeSpan.FromMinutes(1) }, new() { Name = "burst", Limit = 5, Window = TimeSpan.FromSeconds(1) }];
        var credits = new ApiKeyCredits { Remaining = 1000, Refill = HourlyRefill, RefilledAt = T0 };

        var created = await store.CreateAsync(NewKey("owner-1") with { RateLimits = limits, Credits = credits }, CancellationToken.None);
        var found = await store.FindByUuidAsync(created.Uuid, CancellationToken.None);

        found!.RateLimits.Should().Equal(limits);
        found.Credits.Should().Be(credits);
    }

    /// <summary>A spend takes the cost off the remaining credits while enough remain, and changes nothing when too few do.</summary>
    [Fact]
    public async Task SpendCreditsAsync_EnoughThenTooFew_SpendsOnlyWhileEnoughRemain()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1") with { Credits = new ApiKeyCredits { Remaining = 5 } }, CancellationToken.None);

        var first = await store.SpendCreditsAsync(created.Uuid, 3, T0, CancellationToken.None);
        var second = await store.SpendCreditsAsync(created.Uuid, 3, T0, CancellationToken.None);
        var third = await store.SpendCreditsAsync(created.Uuid, 2, T0, CancellationToken.None);

        (first, second, third).Should().Be((true, false, true));
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.Credits!.Remaining.Should().Be(0);
    }

    /// <summary>A key without credits, or an unknown uuid, spends nothing and is not changed.</summary>
    [Fact]
    public async Task SpendCreditsAsync_NoCreditsOrUnknownKey_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        (await store.SpendCreditsAsync(created.Uuid, 1, T0, CancellationToken.None)).Should().BeFalse();
        (await store.SpendCreditsAsync(Guid.NewGuid(), 1, T0, CancellationToken.None)).Should().BeFalse();
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.Credits.Should().BeNull();
    }

    /// <summary>
    /// A refill that is due sets the remaining credits to the refill amount and moves the refill instant on by whole
    /// intervals, in the same step as the spend; before it is due nothing is refilled.
    /// </summary>
    [Fact]
    public async Task SpendCreditsAsync_RefillDue_RefillsThenSpends()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(
            NewKey("owner-1") with { Credits = new ApiKeyCredits { Remaining = 0, Refill = HourlyRefill, RefilledAt = T0 } }, CancellationToken.None);

        var early = await store.SpendCreditsAsync(created.Uuid, 1, T0.AddMinutes(59), CancellationToken.None);
        var due = await store.SpendCreditsAsync(created.Uuid, 4, T0.AddHours(2).AddMinutes(30), CancellationToken.None);

        (early, due).Should().Be((false, true));
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.Credits.Should().Be(
            new ApiKeyCredits { Remaining = 6, Refill = HourlyRefill, RefilledAt = T0.AddHours(2) });
    }

    /// <summary>64 callers spending one credit each at once from 100: exactly 100 spends succeed, none beyond.</summary>
    [Fact]
    public async Task SpendCreditsAsync_SixtyFourConcurrentSpenders_SpendExactlyWhatTheKeyHolds()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1") with { Credits = new ApiKeyCredits { Remaining = 100 } }, CancellationToken.None);
        using var start = new ManualResetEventSlim();

        var spenders = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            var spent = 0;
            for (var i = 0; i < 3; i++)
            {
                spent += await store.SpendCreditsAsync(created.Uuid, 1, T0, CancellationToken.None) ? 1 : 0;
            }

            return spent;
        })).ToList();
        start.Set();

        (await Task.WhenAll(spenders)).Sum().Should().Be(100);
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.Credits!.Remaining.Should().Be(0);
    }

    /// <summary>A key with one credit is spent exactly once, however many callers race for it.</summary>
    [Fact]
    public async Task SpendCreditsAsync_OneCreditRacedFor_SpentExactlyOnce()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1") with { Credits = new ApiKeyCredits { Remaining = 1 } }, CancellationToken.None);

        var spent = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            await store.SpendCreditsAsync(created.Uuid, 1, T0, CancellationToken.None))));

        spent.Count(s => s).Should().Be(1);
    }

    /// <summary>
    /// Changing only the rate limits replaces them and leaves the credits as concurrent spends left them; nothing else
    /// about the key changes.
    /// </summary>
    [Fact]
    public async Task UpdateMeteringAsync_LimitsOnly_ReplacesLimitsAndKeepsCredits()
    {
        var store = await CreateStoreAsync();
        ApiKeyRateLimit[] before = [new() { Name = "default", Limit = 100, Window = TimeSpan.FromMinutes(1) }];
        ApiKeyRateLimit[] after = [new() { Name = "burst", Limit = 5, Window = TimeSpan.FromSeconds(1) }];
        var created = await store.CreateAsync(NewKey("owner-1") with { RateLimits = before, Credits = new ApiKeyCredits { Remaining = 10 } }, CancellationToken.None);
        await store.SpendCreditsAsync(created.Uuid, 3, T0, CancellationToken.None);

        var updated = await store.UpdateMeteringAsync(created.Uuid, after, replaceCredits: false, credits: null, CancellationToken.None);
        var found = await store.FindByUuidAsync(created.Uuid, CancellationToken.None);

        updated!.RateLimits.Should().Equal(after);
        found!.RateLimits.Should().Equal(after);
        found.Credits.Should().Be(new ApiKeyCredits { Remaining = 7 });
        found.Should().BeEquivalentTo(created, o => o.ComparingByMembers<ApiKey>().Excluding(k => k.RateLimits).Excluding(k => k.Credits));
    }

    /// <summary>Credits are replaced as a whole (with their refill), or removed; empty limits remove the limits.</summary>
    [Fact]
    public async Task UpdateMeteringAsync_CreditsReplacedThenRemoved_AsAsked()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(
            NewKey("owner-1") with { RateLimits = [new() { Name = "default", Limit = 1, Window = TimeSpan.FromSeconds(1) }], Credits = new ApiKeyCredits { Remaining = 1 } },
            CancellationToken.None);
        var replacement = new ApiKeyCredits { Remaining = 50, Refill = HourlyRefill, RefilledAt = T0 };

        var replaced = await store.UpdateMeteringAsync(created.Uuid, rateLimits: null, replaceCredits: true, replacement, CancellationToken.None);
        var removed = await store.UpdateMeteringAsync(created.Uuid, [], replaceCredits: true, credits: null, CancellationToken.None);

        replaced!.Credits.Should().Be(replacement);
        replaced.RateLimits.Should().HaveCount(1, "limits left null are kept");
        removed!.Credits.Should().BeNull();
        removed.RateLimits.Should().BeEmpty();
        (await store.SpendCreditsAsync(created.Uuid, 1, T0, CancellationToken.None)).Should().BeFalse("the key has no credits any more");
    }

    /// <summary>An unknown uuid changes nothing and answers null.</summary>
    [Fact]
    public async Task UpdateMeteringAsync_UnknownKey_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        var updated = await store.UpdateMeteringAsync(Guid.NewGuid(), [], replaceCredits: true, credits: null, CancellationToken.None);

        updated.Should().BeNull();
    }
}
