using System.Security.Cryptography;
using Credentials.ApiKeys;
using Credentials.Core.Tests.Invalidation;
using Credentials.Diagnostics;
using Credentials.Invalidation;
using Credentials.Secrets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>The verification cache's memory: bounded in entries and in estimated bytes, whatever is presented.</summary>
public class ApiKeyVerificationCacheBoundsTests
{
    [Fact]
    public async Task FindByHashAsync_100kDistinctKeys_StaysWithinTheEntryBound()
    {
        var store = new InMemoryApiKeyStore();
        using var cache = Cache(maxEntries: 1_000, maxBytes: int.MaxValue);
        var maxSeen = 0;
        ApiKey last = null!;

        for (var i = 0; i < 100_000; i++)
        {
            last = await store.CreateAsync(Record(), CancellationToken.None);
            (await cache.FindByHashAsync(store, last.Hash, CancellationToken.None)).Should().NotBeNull();
            maxSeen = Math.Max(maxSeen, cache.Count);
        }

        maxSeen.Should().Be(1_000);
        cache.Bytes.Should().BeLessThanOrEqualTo(1_000L * ApiKeyRecordSize.Estimate(last));
        (await cache.FindByHashAsync(new ProbeApiKeyStore(), last.Hash, CancellationToken.None)).Should().Be(last, "the newest record is kept");
    }

    [Fact]
    public async Task FindByHashAsync_LargeRecords_StayWithinTheByteBudget()
    {
        const int budget = 1024 * 1024;
        var store = new InMemoryApiKeyStore();
        using var cache = Cache(maxEntries: 10_000, maxBytes: budget);
        var metadata = $$"""{"note":"{{new string('x', 16_000)}}"}""";
        string[] permissions = [.. Enumerable.Range(0, 100).Select(i => $"permission.{i}.{new string('p', 100)}")];
        var maxBytes = 0L;

        for (var i = 0; i < 1_000; i++)
        {
            var record = await store.CreateAsync(Record() with { MetadataJson = metadata, Permissions = permissions }, CancellationToken.None);
            await cache.FindByHashAsync(store, record.Hash, CancellationToken.None);
            maxBytes = Math.Max(maxBytes, cache.Bytes);
        }

        ApiKeyRecordSize.Estimate(Record() with { MetadataJson = metadata, Permissions = permissions }).Should().BeGreaterThan(50_000);
        maxBytes.Should().BeLessThanOrEqualTo(budget);
        cache.Count.Should().BeInRange(1, budget / 50_000);
    }

    [Fact]
    public async Task FindByHashAsync_RecordLargerThanTheBudget_ReadFromTheStoreEveryTime()
    {
        var store = new ProbeApiKeyStore();
        using var cache = Cache(maxEntries: 10, maxBytes: 1_000);
        var record = await store.CreateAsync(Record() with { MetadataJson = $$"""{"a":"{{new string('a', 1_000)}}"}""" }, CancellationToken.None);

        (await cache.FindByHashAsync(store, record.Hash, CancellationToken.None)).Should().NotBeNull();
        (await cache.FindByHashAsync(store, record.Hash, CancellationToken.None)).Should().NotBeNull();

        store.FindByHashCalls.Should().Be(2);
        cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task Evict_RolledKeyCachedUnderBothHashes_ForgetsUuidAndBothHashes()
    {
        var store = new ProbeApiKeyStore();
        using var cache = Cache(maxEntries: 10, maxBytes: int.MaxValue);
        var created = await store.CreateAsync(Record(), CancellationToken.None);
        var newHash = RandomHash();
        await store.RollAsync(created.Uuid, created.Hash, newHash, null, "AbCd", ApiKeyTestHost.Start.AddDays(1), CancellationToken.None);
        await cache.FindByHashAsync(store, newHash, CancellationToken.None);
        (await cache.FindByHashAsync(store, created.Hash, CancellationToken.None))!.Hash.Should().Be(newHash);
        (await cache.FindByUuidAsync(store, created.Uuid, CancellationToken.None)).Should().NotBeNull();
        (store.FindByHashCalls, store.FindByUuidCalls).Should().Be((1, 0), "one read keeps the record under its uuid and both hashes");

        cache.Evict(created.Uuid);

        await cache.FindByHashAsync(store, newHash, CancellationToken.None);
        cache.Evict(created.Uuid);
        await cache.FindByHashAsync(store, created.Hash, CancellationToken.None);
        cache.Evict(created.Uuid);
        await cache.FindByUuidAsync(store, created.Uuid, CancellationToken.None);
        (store.FindByHashCalls, store.FindByUuidCalls).Should().Be((3, 1));
        (cache.Count, cache.Bytes).Should().Be((1, ApiKeyRecordSize.Estimate((await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!)));
    }

    private static ApiKeyVerificationCache Cache(int maxEntries, int maxBytes)
    {
        var options = new CredentialsOptions();
        options.ApiKeys.VerificationCacheDuration = TimeSpan.FromMinutes(5);
        options.ApiKeys.VerificationCacheMaxEntries = maxEntries;
        options.ApiKeys.VerificationCacheMaxBytes = maxBytes;
        var channel = new LinkedChannel([], NullLogger.Instance);
        return new ApiKeyVerificationCache(Options.Create(options), new FakeTimeProvider(ApiKeyTestHost.Start), channel, new CredentialsMetrics());
    }

    private static ApiKey Record() => new()
    {
        Uuid = Guid.NewGuid(),
        Name = "key",
        Prefix = "cc_live_",
        OwnerId = "user-1",
        CreatedAt = ApiKeyTestHost.Start,
        Hash = RandomHash(),
    };

    private static SecretHash RandomHash() => SecretHash.FromBytes(RandomNumberGenerator.GetBytes(SecretHash.Length));
}
