using static Credentials.Testing.SecretHashes;

namespace Credentials.Testing;

// Changes to a stored key: roll, activate, record a use, purge, delete.
public abstract partial class ApiKeyStoreContractTests
{
    /// <summary>A roll with a grace period makes the new hash and hint current, keeps the old hash as previous (with its pepper and expiry), and both find the key.</summary>
    [Fact]
    public async Task RollAsync_WithGrace_NewHashCurrentOldHashPreviousBothFindTheRecord()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1") with { PepperId = "p1" }, CancellationToken.None);
        var newHash = RandomHash();

        var rolled = await store.RollAsync(created.Uuid, created.Hash, newHash, "p2", "AbCd", T0.AddHours(1), CancellationToken.None);

        rolled.Should().NotBeNull();
        rolled!.Id.Should().Be(created.Id);
        rolled.Hash.Should().Be(newHash);
        rolled.PepperId.Should().Be("p2");
        rolled.Hint.Should().Be("AbCd");
        rolled.PreviousHash.Should().Be(created.Hash);
        rolled.PreviousPepperId.Should().Be("p1");
        rolled.PreviousHashExpiresAt.Should().Be(T0.AddHours(1));
        (await store.FindByHashAsync(newHash, CancellationToken.None)).Should().BeEquivalentTo(rolled, ByMembers);
        (await store.FindByHashAsync(created.Hash, CancellationToken.None)).Should().BeEquivalentTo(rolled, ByMembers);
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None)).Should().BeEquivalentTo(rolled, ByMembers);
    }

    /// <summary>A roll without a grace period drops the old hash at once: only the new one finds the key.</summary>
    [Fact]
    public async Task RollAsync_WithoutGrace_OldHashNoLongerFound()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var newHash = RandomHash();

        var rolled = await store.RollAsync(created.Uuid, created.Hash, newHash, null, "AbCd", null, CancellationToken.None);

        rolled!.PreviousHash.Should().BeNull();
        rolled.PreviousPepperId.Should().BeNull();
        rolled.PreviousHashExpiresAt.Should().BeNull();
        (await store.FindByHashAsync(created.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(newHash, CancellationToken.None))!.Uuid.Should().Be(created.Uuid);
    }

    /// <summary>A second roll replaces the previous hash, so the first secret no longer finds the key.</summary>
    [Fact]
    public async Task RollAsync_Twice_FirstSecretNoLongerFound()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var second = RandomHash();
        var third = RandomHash();

        await store.RollAsync(created.Uuid, created.Hash, second, null, "AbCd", T0.AddHours(1), CancellationToken.None);
        var rolled = await store.RollAsync(created.Uuid, second, third, null, "AbCd", T0.AddHours(2), CancellationToken.None);

        rolled!.PreviousHash.Should().Be(second);
        (await store.FindByHashAsync(created.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(second, CancellationToken.None))!.Uuid.Should().Be(created.Uuid);
        (await store.FindByHashAsync(third, CancellationToken.None))!.Uuid.Should().Be(created.Uuid);
    }

    /// <summary>Rolling a uuid no key has returns null.</summary>
    [Fact]
    public async Task RollAsync_UnknownUuid_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        (await store.RollAsync(Guid.NewGuid(), RandomHash(), RandomHash(), null, "AbCd", null, CancellationToken.None)).Should().BeNull();
    }

    /// <summary>A roll is conditional on the key being active: an inactive key is not rolled and nothing about it changes.</summary>
    [Fact]
    public async Task RollAsync_KeyDeactivatedSinceItWasRead_ReturnsNullAndChangesNothing()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        await store.SetActiveAsync(created.Uuid, false, CancellationToken.None);
        var newHash = RandomHash();

        var rolled = await store.RollAsync(created.Uuid, created.Hash, newHash, null, "AbCd", T0.AddHours(1), CancellationToken.None);

        rolled.Should().BeNull();
        (await store.FindByHashAsync(newHash, CancellationToken.None)).Should().BeNull();
        var stored = await store.FindByUuidAsync(created.Uuid, CancellationToken.None);
        stored!.Hash.Should().Be(created.Hash);
        stored.PreviousHash.Should().BeNull();
        stored.IsActive.Should().BeFalse();
    }

    /// <summary>A roll is conditional on the hash it read: after another roll won, it returns null and the winner's hashes stay.</summary>
    [Fact]
    public async Task RollAsync_RolledByAnotherCallSinceItWasRead_ReturnsNullAndKeepsTheWinner()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var winner = RandomHash();
        var loser = RandomHash();

        await store.RollAsync(created.Uuid, created.Hash, winner, null, "Win1", T0.AddHours(1), CancellationToken.None);
        var lost = await store.RollAsync(created.Uuid, created.Hash, loser, null, "Lost", T0.AddHours(2), CancellationToken.None);

        lost.Should().BeNull();
        (await store.FindByHashAsync(loser, CancellationToken.None)).Should().BeNull();
        var stored = await store.FindByUuidAsync(created.Uuid, CancellationToken.None);
        stored!.Hash.Should().Be(winner);
        stored.Hint.Should().Be("Win1");
        stored.PreviousHash.Should().Be(created.Hash);
        stored.PreviousHashExpiresAt.Should().Be(T0.AddHours(1));
    }

    /// <summary>Purge deletes the keys that expired at or before the cutoff (and every hash that found them), keeps the rest and counts what it deleted.</summary>
    [Fact]
    public async Task PurgeExpiredAsync_ExpiredAtOrBeforeTheCutoff_DeletedOthersKept()
    {
        var store = await CreateStoreAsync();
        var expiredLongAgo = await store.CreateAsync(NewKey("owner-1") with { ExpiresAt = T0.AddDays(-3) }, CancellationToken.None);
        var expiredAtCutoff = await store.CreateAsync(NewKey("owner-1") with { ExpiresAt = T0 }, CancellationToken.None);
        var rolledAndExpired = await store.CreateAsync(NewKey("owner-2") with { ExpiresAt = T0.AddDays(-1) }, CancellationToken.None);
        var rolled = await store.RollAsync(rolledAndExpired.Uuid, rolledAndExpired.Hash, RandomHash(), null, "AbCd", T0.AddHours(1), CancellationToken.None);
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

    /// <summary>Deactivating and reactivating a key is stored and seen by every lookup.</summary>
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

    /// <summary>Setting the flag of a uuid no key has returns null.</summary>
    [Fact]
    public async Task SetActiveAsync_UnknownUuid_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        (await store.SetActiveAsync(Guid.NewGuid(), false, CancellationToken.None)).Should().BeNull();
    }

    /// <summary>Delete removes the key from every lookup: uuid, current hash, previous hash and the owner's list.</summary>
    [Fact]
    public async Task DeleteAsync_Existing_RemovesEveryWayToFindIt()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var rolled = await store.RollAsync(created.Uuid, created.Hash, RandomHash(), null, "AbCd", T0.AddHours(1), CancellationToken.None);

        var deleted = await store.DeleteAsync(created.Uuid, CancellationToken.None);

        deleted.Should().BeTrue();
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(rolled!.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(created.Hash, CancellationToken.None)).Should().BeNull();
        (await ListAsync(store, "owner-1")).Should().BeEmpty();
    }

    /// <summary>Deleting a uuid no key has, or a key already deleted, returns false.</summary>
    [Fact]
    public async Task DeleteAsync_UnknownOrAlreadyDeleted_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        await store.DeleteAsync(created.Uuid, CancellationToken.None);

        (await store.DeleteAsync(created.Uuid, CancellationToken.None)).Should().BeFalse();
        (await store.DeleteAsync(Guid.NewGuid(), CancellationToken.None)).Should().BeFalse();
    }

    /// <summary>Deleting one key leaves the owner's other keys in place.</summary>
    [Fact]
    public async Task DeleteAsync_OneKey_LeavesOthers()
    {
        var store = await CreateStoreAsync();
        var kept = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var removed = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        await store.DeleteAsync(removed.Uuid, CancellationToken.None);

        (await store.FindByHashAsync(kept.Hash, CancellationToken.None))!.Uuid.Should().Be(kept.Uuid);
    }

    /// <summary>Recording a use stores its instant on the key, seen by lookups by hash and by uuid.</summary>
    [Fact]
    public async Task RecordLastUsedAsync_KnownId_SetsLastUsed()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        await store.RecordLastUsedAsync(created.Id, T0.AddMinutes(3), CancellationToken.None);

        (await store.FindByHashAsync(created.Hash, CancellationToken.None))!.LastUsedAt.Should().Be(T0.AddMinutes(3));
        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.LastUsedAt.Should().Be(T0.AddMinutes(3));
    }

    /// <summary>Recording a use of an id no key has changes nothing and does not throw.</summary>
    [Fact]
    public async Task RecordLastUsedAsync_UnknownId_IsANoOp()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        await store.RecordLastUsedAsync(created.Id + 1000, T0, CancellationToken.None);

        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.LastUsedAt.Should().BeNull();
    }
}
