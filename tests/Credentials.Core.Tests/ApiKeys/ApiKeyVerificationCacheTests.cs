using Credentials.ApiKeys;
using Credentials.Secrets;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>The verification cache on one instance: what a hit saves, what it never keeps, and changes made here.</summary>
public class ApiKeyVerificationCacheTests
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task VerifyAsync_CacheOn_RepeatedHitsReadTheStoreOnce()
    {
        var store = new ProbeApiKeyStore();
        await using var host = CachingHost(store);
        var created = await host.CreateAsync();

        for (var i = 0; i < 3; i++)
        {
            (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        }

        store.FindByHashCalls.Should().Be(1);
        host.Cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task VerifyAsync_CacheOffByDefault_EveryVerificationReadsTheStore()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync();

        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();

        store.FindByHashCalls.Should().Be(2);
        host.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAsync_WellFormedUnknownKey_NotCached()
    {
        var store = new ProbeApiKeyStore();
        await using var host = CachingHost(store);
        await host.CreateAsync();
        var never = new ApiKeyFormat(new ApiKeyOptions()).Render(CryptoSecretRandom.Instance);

        (await host.VerifyAsync(never)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        (await host.VerifyAsync(never)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);

        store.FindByHashCalls.Should().Be(2, "an unknown key is asked of the store every time, never remembered");
        host.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAsync_DeactivatedHereWhileCached_InactiveAtOnce()
    {
        await using var host = CachingHost(new ProbeApiKeyStore());
        var created = await host.CreateAsync();
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();

        (await host.Service.DeactivateAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);
    }

    [Fact]
    public async Task VerifyAsync_ReactivatedHereWhileCached_AcceptedAtOnce()
    {
        await using var host = CachingHost(new ProbeApiKeyStore());
        var created = await host.CreateAsync();
        (await host.Service.DeactivateAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();
        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);

        (await host.Service.ReactivateAsync(created.Key.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();

        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_RolledHereWithoutGraceWhileCached_OldSecretUnknownAtOnce()
    {
        await using var host = CachingHost(new ProbeApiKeyStore());
        var created = await host.CreateAsync();
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();

        var rolled = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.Zero, ApiKeyTestHost.Owner(), CancellationToken.None);

        rolled.Succeeded.Should().BeTrue();
        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        (await host.VerifyAsync(rolled.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_DeletedHereWhileCached_UnknownAtOnce()
    {
        await using var host = CachingHost(new ProbeApiKeyStore());
        var created = await host.CreateAsync();
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();

        (await host.Service.DeleteAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        host.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAsync_KeyExpiresWhileCached_ExpiredOnTimeWithoutAStoreRead()
    {
        var store = new ProbeApiKeyStore();
        await using var host = CachingHost(store);
        var expiresAt = ApiKeyTestHost.Start.AddSeconds(30);
        var created = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "short", ExpiresAt = expiresAt });
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();

        host.Clock.Advance(TimeSpan.FromSeconds(30));

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Expired);
        store.FindByHashCalls.Should().Be(1, "the cached record was judged again with the current clock");
    }

    [Fact]
    public async Task VerifyAsync_GraceEndsWhileCached_OldSecretExpiredOnTimeWithoutAStoreRead()
    {
        var store = new ProbeApiKeyStore();
        await using var host = CachingHost(store);
        var created = await host.CreateAsync();
        var rolled = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromSeconds(20), ApiKeyTestHost.Owner(), CancellationToken.None);
        var grace = await host.VerifyAsync(created.PlainKey);
        grace.Presentation.Should().Be(ApiKeyPresentation.GraceSecret);
        var reads = store.FindByHashCalls;

        host.Clock.Advance(TimeSpan.FromSeconds(20));

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Expired);
        (await host.VerifyAsync(rolled.PlainKey)).Succeeded.Should().BeTrue();
        store.FindByHashCalls.Should().Be(reads, "one cached record answers for both of its hashes");
    }

    [Fact]
    public async Task VerifyAsync_OwnerLosesAPermissionWhileCached_GrantNarrowedAtOnce()
    {
        await using var host = CachingHost(new ProbeApiKeyStore());
        var created = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "rw", Permissions = ["read", "write"] });
        (await host.VerifyAsync(created.PlainKey)).Permissions.Should().Equal("read", "write");

        host.Owners.Set("user-1", "read");

        (await host.VerifyAsync(created.PlainKey)).Permissions.Should().Equal("read");
    }

    [Fact]
    public async Task VerifyAsync_StoreReadBeganBeforeADeactivate_WhatItReadIsNotCached()
    {
        var store = new ProbeApiKeyStore();
        await using var host = CachingHost(store);
        var created = await host.CreateAsync();
        var readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.AfterFindByHash = async () =>
        {
            readDone.SetResult();
            await release.Task;
        };

        var inFlight = host.VerifyAsync(created.PlainKey);
        await readDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (await host.Service.DeactivateAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None)).Succeeded.Should().BeTrue();
        release.SetResult();

        (await inFlight).Succeeded.Should().BeTrue("it read the key before the deactivate committed");
        host.Cache.Count.Should().Be(0);
        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);
    }

    [Fact]
    public async Task VerifyWebTokenAsync_KeyCached_OneTokenLookupAndNoKeyRead()
    {
        var keys = new ProbeApiKeyStore();
        var tokens = new CountingWebTokenStore();
        await using var host = CachingHost(keys, services => services.AddSingleton<IWebTokenStore>(tokens));
        var (_, actor) = await host.CreateKeyActorAsync("user-1", "read");
        var issued = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);
        (await host.Service.VerifyWebTokenAsync(issued.Token!.Token, CancellationToken.None)).Succeeded.Should().BeTrue();
        var (keyReads, tokenReads) = (keys.FindByHashCalls + keys.FindByUuidCalls, tokens.FindByHashCalls);

        var verified = await host.Service.VerifyWebTokenAsync(issued.Token.Token, CancellationToken.None);

        verified.Succeeded.Should().BeTrue();
        verified.Presentation.Should().Be(ApiKeyPresentation.WebToken);
        (keys.FindByHashCalls + keys.FindByUuidCalls).Should().Be(keyReads);
        tokens.FindByHashCalls.Should().Be(tokenReads + 1);
    }

    [Fact]
    public async Task VerifyWebTokenAsync_KeyVerifiedByItsSecretFirst_NoKeyRead()
    {
        var keys = new ProbeApiKeyStore();
        await using var host = CachingHost(keys);
        var (created, actor) = await host.CreateKeyActorAsync("user-1", "read");
        var issued = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeTrue();
        var uuidReads = keys.FindByUuidCalls;

        (await host.Service.VerifyWebTokenAsync(issued.Token!.Token, CancellationToken.None)).Succeeded.Should().BeTrue();

        keys.FindByUuidCalls.Should().Be(uuidReads, "a record found by hash is also kept under its uuid");
    }

    [Fact]
    public async Task IssueWebTokenAsync_KeyCached_ReReadsTheStore()
    {
        var keys = new ProbeApiKeyStore();
        await using var host = CachingHost(keys);
        var (_, actor) = await host.CreateKeyActorAsync("user-1", "read");
        var uuidReads = keys.FindByUuidCalls;

        (await host.Service.IssueWebTokenAsync(actor, CancellationToken.None)).Succeeded.Should().BeTrue();

        keys.FindByUuidCalls.Should().Be(uuidReads + 1, "the check that withdraws a token for a changed key must see the store");
    }

    private static ApiKeyTestHost CachingHost(ProbeApiKeyStore store, Action<IServiceCollection>? register = null) =>
        new(o => o.ApiKeys.VerificationCacheDuration = CacheDuration, store, register: register);
}
