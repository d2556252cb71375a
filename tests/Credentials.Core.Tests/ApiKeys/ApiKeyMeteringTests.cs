using Credentials.ApiKeys;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>Rate limits and usage credits at verification, driven by the host's fake clock (no test sleeps).</summary>
public sealed class ApiKeyMeteringTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task VerifyAsync_KeyWithoutLimitsOrCredits_SpendsNothingAndReportsNoLimit()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync();

        var verified = await host.VerifyAsync(created.PlainKey);

        verified.Succeeded.Should().BeTrue();
        verified.RateLimit.Should().BeNull();
        verified.RetryAfter.Should().BeNull();
        store.SpendCalls.Should().Be(0, "a key without credits costs no extra store call");
    }

    [Fact]
    public async Task VerifyAsync_CreditsRunOut_RefusesAsUsageExceeded()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: Request(credits: new ApiKeyCredits { Remaining = 2 }));

        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        var refused = await host.VerifyAsync(created.PlainKey);

        refused.Failure.Should().Be(ApiKeyVerificationFailure.UsageExceeded);
        refused.RetryAfter.Should().BeNull("credits without a refill never come back");
        (await host.Store.FindByUuidAsync(created.Key!.Uuid, CancellationToken.None))!.Credits!.Remaining.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAsync_CostAboveRemaining_RefusesAndSpendsNothing()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: Request(credits: new ApiKeyCredits { Remaining = 5 }));

        (await host.Service.VerifyAsync(created.PlainKey, 3, CancellationToken.None)).Succeeded.Should().BeTrue();
        (await host.Service.VerifyAsync(created.PlainKey, 3, CancellationToken.None)).Failure.Should().Be(ApiKeyVerificationFailure.UsageExceeded);
        (await host.Service.VerifyAsync(created.PlainKey, 2, CancellationToken.None)).Succeeded.Should().BeTrue();
        (await host.Service.VerifyAsync(created.PlainKey, 1, CancellationToken.None)).Failure.Should().Be(ApiKeyVerificationFailure.UsageExceeded);
    }

    [Fact]
    public async Task VerifyAsync_NegativeCost_Throws()
    {
        await using var host = new ApiKeyTestHost();

        var act = async () => await host.Service.VerifyAsync("anything", -1, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task VerifyAsync_RefillDue_SetsCreditsToTheAmountOnceAnIntervalHasPassed()
    {
        await using var host = new ApiKeyTestHost();
        var refill = new ApiKeyCreditRefill { Amount = 2, Interval = TimeSpan.FromHours(1) };
        var created = await host.CreateAsync(request: Request(credits: new ApiKeyCredits { Remaining = 1, Refill = refill }));
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();

        host.Clock.Advance(TimeSpan.FromMinutes(45));
        var refused = await host.VerifyAsync(created.PlainKey);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        var first = await host.VerifyAsync(created.PlainKey);
        var second = await host.VerifyAsync(created.PlainKey);
        var third = await host.VerifyAsync(created.PlainKey);

        refused.Failure.Should().Be(ApiKeyVerificationFailure.UsageExceeded);
        refused.RetryAfter.Should().Be(TimeSpan.FromMinutes(15));
        first.Succeeded.Should().BeTrue();
        second.Succeeded.Should().BeTrue();
        third.Failure.Should().Be(ApiKeyVerificationFailure.UsageExceeded);
        third.RetryAfter.Should().Be(TimeSpan.FromHours(1), "the refill instant moved on by whole intervals");
    }

    [Fact]
    public async Task VerifyAsync_SixtyFourTasksSpendingHundredCredits_ExactlyHundredSucceed()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: Request(credits: new ApiKeyCredits { Remaining = 100 }));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            var succeeded = 0;
            for (var i = 0; i < 4; i++)
            {
                succeeded += (await host.Service.VerifyAsync(created.PlainKey, CancellationToken.None)).Succeeded ? 1 : 0;
            }

            return succeeded;
        })));

        results.Sum().Should().Be(100);
    }

    [Fact]
    public async Task VerifyAsync_CachedRecord_StillSpendsCreditsInTheStore()
    {
        await using var host = new ApiKeyTestHost(o => o.ApiKeys.VerificationCacheDuration = Minute);
        var created = await host.CreateAsync(request: Request(credits: new ApiKeyCredits { Remaining = 1 }));

        var first = await host.VerifyAsync(created.PlainKey);
        var second = await host.VerifyAsync(created.PlainKey);

        first.Succeeded.Should().BeTrue();
        second.Failure.Should().Be(ApiKeyVerificationFailure.UsageExceeded, "a cached record never answers for credits");
    }

    [Fact]
    public async Task VerifyAsync_RateLimitUsedUp_RefusesUntilTheWindowEnds()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: Request(limits: [new ApiKeyRateLimit { Name = "default", Limit = 2, Window = Minute }]));
        host.Clock.Advance(TimeSpan.FromSeconds(20)); // 12:00:20, 40 s before the window turns over

        var first = await host.VerifyAsync(created.PlainKey);
        var second = await host.VerifyAsync(created.PlainKey);
        var refused = await host.VerifyAsync(created.PlainKey);
        host.Clock.Advance(TimeSpan.FromSeconds(40));
        var next = await host.VerifyAsync(created.PlainKey);

        first.RateLimit.Should().Be(new ApiKeyRateLimitStatus("default", 2, 1, TimeSpan.FromSeconds(40)));
        second.RateLimit!.Remaining.Should().Be(0);
        refused.Failure.Should().Be(ApiKeyVerificationFailure.RateLimited);
        refused.RetryAfter.Should().Be(TimeSpan.FromSeconds(40));
        refused.RateLimit.Should().Be(new ApiKeyRateLimitStatus("default", 2, 0, TimeSpan.FromSeconds(40)));
        next.Succeeded.Should().BeTrue();
        next.RateLimit!.Remaining.Should().Be(1);
    }

    [Fact]
    public async Task VerifyAsync_SeveralLimits_ReportsTheTightestAndRefusesOnAny()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: Request(limits:
        [
            new ApiKeyRateLimit { Name = "minute", Limit = 10, Window = Minute },
            new ApiKeyRateLimit { Name = "burst", Limit = 1, Window = TimeSpan.FromSeconds(1) },
        ]));

        var first = await host.VerifyAsync(created.PlainKey);
        var refused = await host.VerifyAsync(created.PlainKey);

        first.RateLimit!.Name.Should().Be("burst");
        refused.Failure.Should().Be(ApiKeyVerificationFailure.RateLimited);
        refused.RateLimit!.Name.Should().Be("burst");
    }

    [Fact]
    public async Task VerifyAsync_RateLimitUnderParallelLoad_AdmitsExactlyTheLimitPerWindow()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: Request(limits: [new ApiKeyRateLimit { Limit = 50, Window = Minute }]));

        async Task<int> AdmittedAsync() => (await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            var admitted = 0;
            for (var i = 0; i < 3; i++)
            {
                admitted += (await host.Service.VerifyAsync(created.PlainKey, CancellationToken.None)).Succeeded ? 1 : 0;
            }

            return admitted;
        })))).Sum();

        var firstWindow = await AdmittedAsync();
        host.Clock.Advance(Minute);
        var secondWindow = await AdmittedAsync();

        firstWindow.Should().Be(50);
        secondWindow.Should().Be(50);
    }

    [Fact]
    public async Task VerifyAsync_DefaultRateLimit_LimitsKeysWithoutTheirOwn()
    {
        await using var host = new ApiKeyTestHost(o => o.ApiKeys.DefaultRateLimit = new ApiKeyRateLimit { Name = "host", Limit = 1, Window = Minute });
        var plain = await host.CreateAsync();
        var own = await host.CreateAsync(request: Request(limits: [new ApiKeyRateLimit { Limit = 3, Window = Minute }]));

        (await host.VerifyAsync(plain.PlainKey)).RateLimit!.Name.Should().Be("host");
        (await host.VerifyAsync(plain.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.RateLimited);
        (await host.VerifyAsync(own.PlainKey)).Succeeded.Should().BeTrue();
        (await host.VerifyAsync(own.PlainKey)).Succeeded.Should().BeTrue("a key's own limits replace the default");
    }

    [Fact]
    public async Task VerifyAsync_RateLimited_SpendsNoCredits()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: Request(
            limits: [new ApiKeyRateLimit { Limit = 1, Window = Minute }],
            credits: new ApiKeyCredits { Remaining = 10 }));

        await host.VerifyAsync(created.PlainKey);
        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.RateLimited);

        (await host.Store.FindByUuidAsync(created.Key!.Uuid, CancellationToken.None))!.Credits!.Remaining.Should().Be(9);
    }

    [Fact]
    public async Task VerifyAsync_InactiveKeyWithCredits_SpendsNothing()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: Request(credits: new ApiKeyCredits { Remaining = 10 }) with { IsActive = false });

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);

        (await host.Store.FindByUuidAsync(created.Key!.Uuid, CancellationToken.None))!.Credits!.Remaining.Should().Be(10);
    }

    [Fact]
    public async Task VerifyWebTokenAsync_KeyWithCredits_SpendsTheKeysCredits()
    {
        await using var host = new ApiKeyTestHost();
        var (created, actor) = await host.CreateKeyActorAsync("user-1");
        await host.Store.DeleteAsync(created.Key!.Uuid, CancellationToken.None);
        var metered = await host.Store.CreateAsync(created.Key with { Credits = new ApiKeyCredits { Remaining = 1 } }, CancellationToken.None);
        var issued = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);

        var first = await host.Service.VerifyWebTokenAsync(issued.Token!.Token, CancellationToken.None);
        var second = await host.Service.VerifyWebTokenAsync(issued.Token.Token, CancellationToken.None);

        metered.Credits!.Remaining.Should().Be(1);
        first.Succeeded.Should().BeTrue();
        second.Failure.Should().Be(ApiKeyVerificationFailure.UsageExceeded, "a web token acts for its key, and spends its budget");
    }

    [Fact]
    public async Task CreateAsync_InvalidLimitsAndCredits_AreFieldErrors()
    {
        await using var host = new ApiKeyTestHost();
        var request = Request(
            limits:
            [
                new ApiKeyRateLimit { Name = "a", Limit = 0, Window = Minute },
                new ApiKeyRateLimit { Name = "b", Limit = 1, Window = TimeSpan.FromDays(2) },
                new ApiKeyRateLimit { Name = "c", Limit = 1, Window = Minute },
                new ApiKeyRateLimit { Name = "c", Limit = 2, Window = Minute },
            ],
            credits: new ApiKeyCredits { Remaining = -1, Refill = new ApiKeyCreditRefill { Amount = 0, Interval = TimeSpan.FromMilliseconds(1500) } });

        var created = await host.Service.CreateAsync(request with { OwnerId = "user-1" }, ApiKeyTestHost.Admin, CancellationToken.None);

        created.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        created.Errors["rate_limits"].Should().Equal(
            "The rate_limits.0.limit must be at least 1.",
            "The rate_limits.1.window_seconds must be a whole number from 1 to 86400.",
            "The rate_limits.3.name has already been taken.");
        created.Errors["credits"].Should().Equal(
            "The credits.remaining field must be at least 0.",
            "The credits.refill.amount field must be at least 1.",
            "The credits.refill.interval_seconds field must be a whole number from 1 to 31622400.");
    }

    [Fact]
    public async Task CreateAsync_CreditsWithRefill_CountsTheRefillFromCreation()
    {
        await using var host = new ApiKeyTestHost();
        var refill = new ApiKeyCreditRefill { Amount = 5, Interval = TimeSpan.FromDays(30) };

        var created = await host.CreateAsync(request: Request(credits: new ApiKeyCredits { Remaining = 5, Refill = refill, RefilledAt = DateTimeOffset.MinValue }));

        created.Key!.Credits.Should().Be(new ApiKeyCredits { Remaining = 5, Refill = refill, RefilledAt = ApiKeyTestHost.Start });
    }

    private static ApiKeyCreateRequest Request(IReadOnlyList<ApiKeyRateLimit?>? limits = null, ApiKeyCredits? credits = null) =>
        new() { Name = "metered", RateLimits = limits, Credits = credits };
}
