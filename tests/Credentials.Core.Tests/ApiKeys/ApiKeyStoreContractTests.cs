using System.Security.Cryptography;
using Credentials.ApiKeys;
using Credentials.Secrets;
using FluentAssertions.Equivalency;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>
/// What every <see cref="IApiKeyStore"/> must do, through the interface alone. An implementation's test class inherits
/// this and returns a fresh, empty store from <see cref="CreateStoreAsync"/>; every test here then runs against it.
/// Times are whole milliseconds in UTC so that databases with microsecond precision round-trip them exactly.
/// </summary>
public abstract class ApiKeyStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    /// <summary>A new, empty store for one test.</summary>
    protected abstract Task<IApiKeyStore> CreateStoreAsync();

    [Fact]
    public async Task CreateAsync_NewKeys_AssignsPositiveDistinctIds()
    {
        var store = await CreateStoreAsync();

        var first = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var second = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        first.Id.Should().BePositive();
        second.Id.Should().BePositive().And.NotBe(first.Id);
    }

    [Fact]
    public async Task CreateAsync_FullRecord_RoundTripsEveryField()
    {
        var store = await CreateStoreAsync();
        var key = NewKey("owner-1") with
        {
            ExpiresAt = T0.AddDays(30),
            IsActive = false,
            Permissions = ["read", "write", "api.keys.create"],
            MetadataJson = """{"environment":"production","n":1}""",
            PepperId = "p1",
            LastUsedAt = T0.AddMinutes(5),
        };

        var created = await store.CreateAsync(key, CancellationToken.None);
        var found = await store.FindByUuidAsync(key.Uuid, CancellationToken.None);

        created.Should().BeEquivalentTo(key, o => o.ComparingByMembers<ApiKey>().Excluding(k => k.Id));
        found.Should().BeEquivalentTo(created, ByMembers);
        found!.Permissions.Should().Equal("read", "write", "api.keys.create");
    }

    [Fact]
    public async Task CreateAsync_DuplicateHash_ThrowsAndStoresNothing()
    {
        var store = await CreateStoreAsync();
        var original = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var duplicate = NewKey("owner-2") with { Hash = original.Hash };

        var act = async () => await store.CreateAsync(duplicate, CancellationToken.None);

        await act.Should().ThrowAsync<Exception>();
        (await store.FindByUuidAsync(duplicate.Uuid, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(original.Hash, CancellationToken.None))!.Uuid.Should().Be(original.Uuid);
    }

    [Fact]
    public async Task CreateAsync_DuplicateUuid_ThrowsAndStoresNothing()
    {
        var store = await CreateStoreAsync();
        var original = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var duplicate = NewKey("owner-2") with { Uuid = original.Uuid };

        var act = async () => await store.CreateAsync(duplicate, CancellationToken.None);

        await act.Should().ThrowAsync<Exception>();
        (await store.FindByHashAsync(duplicate.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByUuidAsync(original.Uuid, CancellationToken.None))!.OwnerId.Should().Be("owner-1");
    }

    [Fact]
    public async Task FindByHashAsync_CurrentHash_ReturnsRecord()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        var found = await store.FindByHashAsync(created.Hash, CancellationToken.None);

        found.Should().BeEquivalentTo(created, ByMembers);
    }

    [Fact]
    public async Task FindByHashAsync_UnknownHash_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        (await store.FindByHashAsync(RandomHash(), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task FindByUuidAsync_UnknownUuid_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        (await store.FindByUuidAsync(Guid.NewGuid(), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task RollAsync_WithGrace_NewHashCurrentOldHashPreviousBothFindTheRecord()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1") with { PepperId = "p1" }, CancellationToken.None);
        var newHash = RandomHash();

        var rolled = await store.RollAsync(created.Uuid, created.Hash, newHash, "p2", T0.AddHours(1), CancellationToken.None);

        rolled.Should().NotBeNull();
        rolled!.Id.Should().Be(created.Id);
        rolled.Hash.Should().Be(newHash);
        rolled.PepperId.Should().Be("p2");
        rolled.PreviousHash.Should().Be(created.Hash);
        rolled.PreviousPepperId.Should().Be("p1");
        rolled.PreviousHashExpiresAt.Should().Be(T0.AddHours(1));
        (await store.FindByHashAsync(newHash, CancellationToken.None)).Should().BeEquivalentTo(rolled, ByMembers);
        (await store.FindByHashAsync(created.Hash, CancellationToken.None)).Should().BeEquivalentTo(rolled, ByMembers);
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None)).Should().BeEquivalentTo(rolled, ByMembers);
    }

    [Fact]
    public async Task RollAsync_WithoutGrace_OldHashNoLongerFound()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var newHash = RandomHash();

        var rolled = await store.RollAsync(created.Uuid, created.Hash, newHash, null, null, CancellationToken.None);

        rolled!.PreviousHash.Should().BeNull();
        rolled.PreviousPepperId.Should().BeNull();
        rolled.PreviousHashExpiresAt.Should().BeNull();
        (await store.FindByHashAsync(created.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(newHash, CancellationToken.None))!.Uuid.Should().Be(created.Uuid);
    }

    [Fact]
    public async Task RollAsync_Twice_FirstSecretNoLongerFound()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var second = RandomHash();
        var third = RandomHash();

        await store.RollAsync(created.Uuid, created.Hash, second, null, T0.AddHours(1), CancellationToken.None);
        var rolled = await store.RollAsync(created.Uuid, second, third, null, T0.AddHours(2), CancellationToken.None);

        rolled!.PreviousHash.Should().Be(second);
        (await store.FindByHashAsync(created.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(second, CancellationToken.None))!.Uuid.Should().Be(created.Uuid);
        (await store.FindByHashAsync(third, CancellationToken.None))!.Uuid.Should().Be(created.Uuid);
    }

    [Fact]
    public async Task RollAsync_UnknownUuid_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        (await store.RollAsync(Guid.NewGuid(), RandomHash(), RandomHash(), null, null, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task RollAsync_KeyDeactivatedSinceItWasRead_ReturnsNullAndChangesNothing()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        await store.SetActiveAsync(created.Uuid, false, CancellationToken.None);
        var newHash = RandomHash();

        var rolled = await store.RollAsync(created.Uuid, created.Hash, newHash, null, T0.AddHours(1), CancellationToken.None);

        rolled.Should().BeNull();
        (await store.FindByHashAsync(newHash, CancellationToken.None)).Should().BeNull();
        var stored = await store.FindByUuidAsync(created.Uuid, CancellationToken.None);
        stored!.Hash.Should().Be(created.Hash);
        stored.PreviousHash.Should().BeNull();
        stored.IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task RollAsync_RolledByAnotherCallSinceItWasRead_ReturnsNullAndKeepsTheWinner()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var winner = RandomHash();
        var loser = RandomHash();

        await store.RollAsync(created.Uuid, created.Hash, winner, null, T0.AddHours(1), CancellationToken.None);
        var lost = await store.RollAsync(created.Uuid, created.Hash, loser, null, T0.AddHours(2), CancellationToken.None);

        lost.Should().BeNull();
        (await store.FindByHashAsync(loser, CancellationToken.None)).Should().BeNull();
        var stored = await store.FindByUuidAsync(created.Uuid, CancellationToken.None);
        stored!.Hash.Should().Be(winner);
        stored.PreviousHash.Should().Be(created.Hash);
        stored.PreviousHashExpiresAt.Should().Be(T0.AddHours(1));
    }

    [Fact]
    public async Task PurgeExpiredAsync_ExpiredAtOrBeforeTheCutoff_DeletedOthersKept()
    {
        var store = await CreateStoreAsync();
        var expiredLongAgo = await store.CreateAsync(NewKey("owner-1") with { ExpiresAt = T0.AddDays(-3) }, CancellationToken.None);
        var expiredAtCutoff = await store.CreateAsync(NewKey("owner-1") with { ExpiresAt = T0 }, CancellationToken.None);
        var rolledAndExpired = await store.CreateAsync(NewKey("owner-2") with { ExpiresAt = T0.AddDays(-1) }, CancellationToken.None);
        var rolled = await store.RollAsync(rolledAndExpired.Uuid, rolledAndExpired.Hash, RandomHash(), null, T0.AddHours(1), CancellationToken.None);
        var live = await store.CreateAsync(NewKey("owner-1") with { ExpiresAt = T0.AddTicks(TimeSpan.TicksPerMillisecond) }, CancellationToken.None);
        var endless = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        var purged = await store.PurgeExpiredAsync(T0, CancellationToken.None);

        purged.Should().Be(3);
        foreach (var gone in new[] { expiredLongAgo, expiredAtCutoff, rolledAndExpired })
        {
            (await store.FindByUuidAsync(gone.Uuid, CancellationToken.None)).Should().BeNull();
            (await store.FindByHashAsync(gone.Hash, CancellationToken.None)).Should().BeNull();
        }

        (await store.FindByHashAsync(rolled!.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByUuidAsync(live.Uuid, CancellationToken.None)).Should().NotBeNull();
        (await store.FindByUuidAsync(endless.Uuid, CancellationToken.None)).Should().NotBeNull();
        (await store.PurgeExpiredAsync(T0, CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task SetActiveAsync_Toggle_PersistsFlag()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        var inactive = await store.SetActiveAsync(created.Uuid, false, CancellationToken.None);
        var foundInactive = await store.FindByHashAsync(created.Hash, CancellationToken.None);
        var active = await store.SetActiveAsync(created.Uuid, true, CancellationToken.None);

        inactive!.IsActive.Should().BeFalse();
        foundInactive!.IsActive.Should().BeFalse();
        active!.IsActive.Should().BeTrue();
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task SetActiveAsync_UnknownUuid_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        (await store.SetActiveAsync(Guid.NewGuid(), false, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task ListByOwnerAsync_SeveralOwners_OnlyThatOwnersKeysOldestFirst()
    {
        var store = await CreateStoreAsync();
        var first = await store.CreateAsync(NewKey("owner-1", "first"), CancellationToken.None);
        await store.CreateAsync(NewKey("owner-2", "other"), CancellationToken.None);
        var second = await store.CreateAsync(NewKey("owner-1", "second"), CancellationToken.None);
        var third = await store.CreateAsync(NewKey("owner-1", "third"), CancellationToken.None);

        var listed = await ListAsync(store, "owner-1");

        listed.Select(k => k.Uuid).Should().Equal(first.Uuid, second.Uuid, third.Uuid);
    }

    [Fact]
    public async Task ListByOwnerAsync_UnknownOwner_IsEmpty()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        (await ListAsync(store, "nobody")).Should().BeEmpty();
    }

    [Fact]
    public async Task ListByOwnerAsync_OwnerIdsDifferingInCase_AreDifferentOwners()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewKey("Owner"), CancellationToken.None);

        (await ListAsync(store, "owner")).Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesEveryWayToFindIt()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var rolled = await store.RollAsync(created.Uuid, created.Hash, RandomHash(), null, T0.AddHours(1), CancellationToken.None);

        var deleted = await store.DeleteAsync(created.Uuid, CancellationToken.None);

        deleted.Should().BeTrue();
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(rolled!.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(created.Hash, CancellationToken.None)).Should().BeNull();
        (await ListAsync(store, "owner-1")).Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteAsync_UnknownOrAlreadyDeleted_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        await store.DeleteAsync(created.Uuid, CancellationToken.None);

        (await store.DeleteAsync(created.Uuid, CancellationToken.None)).Should().BeFalse();
        (await store.DeleteAsync(Guid.NewGuid(), CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task DeleteAsync_OneKey_LeavesOthers()
    {
        var store = await CreateStoreAsync();
        var kept = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var removed = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        await store.DeleteAsync(removed.Uuid, CancellationToken.None);

        (await store.FindByHashAsync(kept.Hash, CancellationToken.None))!.Uuid.Should().Be(kept.Uuid);
    }

    [Fact]
    public async Task RecordLastUsedAsync_KnownId_SetsLastUsed()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        await store.RecordLastUsedAsync(created.Id, T0.AddMinutes(3), CancellationToken.None);

        (await store.FindByHashAsync(created.Hash, CancellationToken.None))!.LastUsedAt.Should().Be(T0.AddMinutes(3));
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.LastUsedAt.Should().Be(T0.AddMinutes(3));
    }

    [Fact]
    public async Task RecordLastUsedAsync_UnknownId_IsANoOp()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        await store.RecordLastUsedAsync(created.Id + 1000, T0, CancellationToken.None);

        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.LastUsedAt.Should().BeNull();
    }

    [Theory]
    [InlineData("Production API Key")]
    [InlineData("it's \"quoted\" \\ back\\slashed")]
    [InlineData("'; DROP TABLE api_keys; --")]
    [InlineData("Robert'); DELETE FROM \"ApiKeys\" WHERE ('1'='1")]
    [InlineData("Üretim anahtarı — ключ 🔑 鍵 مفتاح")]
    [InlineData("e\u0301 combining, \u200B zero-width, \u202E right-to-left")]
    [InlineData("%_ like wildcards * ? [a-z]")]
    public async Task CreateAsync_OddStrings_RoundTripVerbatim(string text)
    {
        var store = await CreateStoreAsync();
        var key = NewKey(text, text) with { Permissions = [text, "read"], MetadataJson = $$"""{"note":{{System.Text.Json.JsonSerializer.Serialize(text)}}}""" };

        await store.CreateAsync(key, CancellationToken.None);
        var found = await store.FindByUuidAsync(key.Uuid, CancellationToken.None);

        found!.Name.Should().Be(text);
        found.OwnerId.Should().Be(text);
        found.Permissions.Should().Equal(text, "read");
        found.MetadataJson.Should().Be(key.MetadataJson);
        (await ListAsync(store, text)).Should().ContainSingle();
    }

    [Fact]
    public async Task CreateAsync_LongestNameAnd16KiBMetadata_RoundTripVerbatim()
    {
        var store = await CreateStoreAsync();
        var name = new string('n', 254) + "é";
        var metadata = "{\"blob\":\"" + new string('x', (16 * 1024) - 11) + "\"}";
        var key = NewKey("owner-1", name) with { MetadataJson = metadata };

        await store.CreateAsync(key, CancellationToken.None);
        var found = await store.FindByHashAsync(key.Hash, CancellationToken.None);

        found!.Name.Should().Be(name);
        found.MetadataJson.Should().Be(metadata);
        System.Text.Encoding.UTF8.GetByteCount(found.MetadataJson!).Should().Be(16 * 1024);
    }

    [Fact]
    public async Task CreateAsync_EmptyPermissionsAndNullOptionals_RoundTrip()
    {
        var store = await CreateStoreAsync();
        var key = NewKey("owner-1");

        await store.CreateAsync(key, CancellationToken.None);
        var found = await store.FindByUuidAsync(key.Uuid, CancellationToken.None);

        found!.Permissions.Should().BeEmpty();
        found.MetadataJson.Should().BeNull();
        found.ExpiresAt.Should().BeNull();
        found.LastUsedAt.Should().BeNull();
        found.PepperId.Should().BeNull();
        found.PreviousHash.Should().BeNull();
    }

    [Fact]
    public async Task CreateAsync_ManyInParallel_AllStoredWithDistinctIds()
    {
        var store = await CreateStoreAsync();
        var keys = Enumerable.Range(0, 64).Select(i => NewKey($"owner-{i % 4}", $"key {i}")).ToList();

        var created = await Task.WhenAll(keys.Select(k => Task.Run(async () => await store.CreateAsync(k, CancellationToken.None))));

        created.Select(k => k.Id).Should().OnlyHaveUniqueItems().And.OnlyContain(id => id > 0);
        foreach (var key in keys)
        {
            (await store.FindByHashAsync(key.Hash, CancellationToken.None))!.Uuid.Should().Be(key.Uuid);
        }

        (await ListAsync(store, "owner-0")).Should().HaveCount(16).And.BeInAscendingOrder(k => k.Id);
    }

    /// <summary>Records compare by value (their lists by reference); stores return copies, so compare member by member.</summary>
    protected static EquivalencyAssertionOptions<ApiKey> ByMembers(EquivalencyAssertionOptions<ApiKey> options) =>
        options.ComparingByMembers<ApiKey>();

    /// <summary>A record as the service would hand it to the store: random hash and uuid, no id yet.</summary>
    protected static ApiKey NewKey(string ownerId, string name = "test key") => new()
    {
        Uuid = Guid.NewGuid(),
        Name = name,
        Prefix = "cc_live_",
        OwnerId = ownerId,
        CreatedAt = T0,
        Hash = RandomHash(),
    };

    /// <summary>A hash no other test produces.</summary>
    protected static SecretHash RandomHash() => SecretHash.FromBytes(RandomNumberGenerator.GetBytes(SecretHash.Length));

    private static async Task<List<ApiKey>> ListAsync(IApiKeyStore store, string ownerId)
    {
        var keys = new List<ApiKey>();
        await foreach (var key in store.ListByOwnerAsync(ownerId, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys;
    }
}
