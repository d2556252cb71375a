using Credentials.ApiKeys;
using Credentials.Core.Tests.Invalidation;
using Credentials.Invalidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>
/// Two instances (two service providers) sharing one store, each with its verification cache, linked by a test
/// transport: a change made on one is refused on the other at once through the channel, and within the cache
/// duration with the channel cut.
/// </summary>
public sealed class ApiKeyVerificationCacheInstanceTests : IAsyncDisposable
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(2);

    private readonly InMemoryApiKeyStore _database = new();
    private readonly List<LinkedChannel> _bus = [];
    private readonly FakeTimeProvider _clock = new(ApiKeyTestHost.Start);
    private readonly LinkedChannel _channelA;
    private readonly LinkedChannel _channelB;
    private readonly ProbeApiKeyStore _storeB;
    private readonly ApiKeyTestHost _a;
    private readonly ApiKeyTestHost _b;

    public ApiKeyVerificationCacheInstanceTests()
    {
        _channelA = new LinkedChannel(_bus, NullLogger.Instance);
        _channelB = new LinkedChannel(_bus, NullLogger.Instance);
        _storeB = ProbeApiKeyStore.Over(_database);
        _a = Instance(ProbeApiKeyStore.Over(_database), _channelA);
        _b = Instance(_storeB, _channelB);
    }

    [Fact]
    public async Task DeactivateOnA_KeyCachedOnB_InactiveOnBAtOnce()
    {
        var created = await CachedOnBAsync();

        (await _a.Service.DeactivateAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();

        (await _b.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);
    }

    [Fact]
    public async Task RollOnA_KeyCachedOnB_OldSecretUnknownOnBAtOnce()
    {
        var created = await CachedOnBAsync();

        var rolled = await _a.Service.RollAsync(created.Key!.Uuid, TimeSpan.Zero, ApiKeyTestHost.Owner(), CancellationToken.None);

        rolled.Succeeded.Should().BeTrue();
        (await _b.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        (await _b.VerifyAsync(rolled.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task DeleteOnA_KeyCachedOnB_UnknownOnBAtOnce()
    {
        var created = await CachedOnBAsync();

        (await _a.Service.DeleteAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();

        (await _b.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
    }

    [Fact]
    public async Task UpdateMeteringOnA_KeyCachedOnB_NewLimitHoldsOnBAtOnce()
    {
        var created = await CachedOnBAsync();
        var change = new ApiKeyMeteringRequest { RateLimits = [new ApiKeyRateLimit { Limit = 1, Window = TimeSpan.FromMinutes(1) }] };

        (await _a.Service.UpdateMeteringAsync(created.Key!.Uuid, change, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();

        (await _b.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        (await _b.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.RateLimited, "B dropped the cached record without limits");
    }

    [Fact]
    public async Task DeactivateOnA_ChannelCut_RefusedOnBWithinTheCacheDuration()
    {
        var created = await CachedOnBAsync();
        _channelA.SendFault = new InvalidOperationException("the channel is down");

        (await _a.Service.DeactivateAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();

        (await _a.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive, "the instance that changed it knows at once");
        _clock.Advance(CacheDuration - TimeSpan.FromTicks(1));
        (await _b.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue("the bound with no channel is the cache duration, not less");
        _clock.Advance(TimeSpan.FromTicks(1));
        (await _b.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);
    }

    [Fact]
    public async Task ChannelReconnectsOnB_Everything_BForgetsWhatItCached()
    {
        var created = await CachedOnBAsync();
        var reads = _storeB.FindByHashCalls;

        _channelB.Reconnected();

        (await _b.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        _storeB.FindByHashCalls.Should().Be(reads + 1);
    }

    [Fact]
    public async Task OtherInvalidationKinds_KeyCachedOnB_StillCached()
    {
        var created = await CachedOnBAsync();
        var reads = _storeB.FindByHashCalls;

        await _channelA.PublishAsync(new CredentialInvalidation(CredentialInvalidationKind.WebTokenChanged, created.Key!.Uuid.ToString("D")), CancellationToken.None);
        await _channelA.PublishAsync(new CredentialInvalidation(CredentialInvalidationKind.UserChanged, "user-1"), CancellationToken.None);

        (await _b.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        _storeB.FindByHashCalls.Should().Be(reads);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    /// <summary>A key created on A and verified on B, so B holds its record.</summary>
    private async Task<ApiKeyCreateResult> CachedOnBAsync()
    {
        var created = await _a.CreateAsync();
        (await _b.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        (await _b.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        _storeB.FindByHashCalls.Should().Be(1, "B answers the second verification from its cache");
        return created;
    }

    private ApiKeyTestHost Instance(ProbeApiKeyStore store, LinkedChannel channel) => new(
        o => o.ApiKeys.VerificationCacheDuration = CacheDuration,
        store,
        clock: _clock,
        register: services => services.AddSingleton<ICredentialInvalidationChannel>(channel));
}
