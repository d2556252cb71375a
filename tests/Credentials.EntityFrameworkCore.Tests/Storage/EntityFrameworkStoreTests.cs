using System.Data.Common;
using Credentials.ApiKeys;
using Credentials.EntityFrameworkCore.Storage;
using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Credentials.WebTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Credentials.EntityFrameworkCore.Tests.Storage.TestRecords;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// What the EF Core stores promise beyond the store contract: the database enforces the invariants across
/// connections, odd input survives verbatim, faults surface as exceptions. Runs on every provider (subclasses).
/// </summary>
public abstract class EntityFrameworkStoreTests(StoreDatabase database)
{
    private const int Rounds = 40;

    protected StoreDatabase Database { get; } = database;

    [Fact]
    public async Task ApiKeyCreate_OddInput_ReadBackVerbatim()
    {
        var (keys, _) = await StoresAsync();
        var metadata = "{\"note\":\"" + new string('€', 16 * 1024 / 3) + "\"}";
        var key = Key("odd") with
        {
            Name = "Robert'); DROP TABLE credentials_api_keys;-- \"x\" ünï 🔑",
            OwnerId = "o'wner\"; SELECT 1; --",
            Prefix = "cc_'\"_",
            Permissions = ["a'b", "\"c\"", "d;--", "ünï", ""],
            MetadataJson = metadata,
            ExpiresAt = Now.AddTicks(1234567),
            PepperId = "p'1",
        };

        var created = await keys.CreateAsync(key, default);
        var found = await keys.FindByUuidAsync(key.Uuid, default);

        metadata.Length.Should().BeGreaterThanOrEqualTo(5 * 1024);
        found.Should().BeEquivalentTo(created);
        found!.Permissions.Should().Equal(key.Permissions);
        found.MetadataJson.Should().Be(metadata);
        found.ExpiresAt.Should().Be(Now.AddTicks(1234567));
        (await keys.ListByOwnerAsync(key.OwnerId, default).ToListAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task ApiKeyCreate_DuplicateHash_ThrowsAndStoresNoSecondRow()
    {
        var (keys, _) = await StoresAsync();
        var first = await keys.CreateAsync(Key("same"), default);
        var twin = Key("same") with { OwnerId = first.OwnerId };

        var act = async () => await keys.CreateAsync(twin, default);

        (await act.Should().ThrowAsync<CredentialStoreException>()).WithInnerException<DbUpdateException>();
        (await keys.FindByUuidAsync(twin.Uuid, default)).Should().BeNull();
        (await keys.ListByOwnerAsync(first.OwnerId, default).ToListAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task ApiKeyCreate_DuplicateUuid_ThrowsAndStoresNoSecondRow()
    {
        var (keys, _) = await StoresAsync();
        var first = await keys.CreateAsync(Key("first"), default);

        var act = async () => await keys.CreateAsync(Key("second") with { Uuid = first.Uuid }, default);

        await act.Should().ThrowAsync<CredentialStoreException>();
        (await keys.FindByHashAsync(Hash("second"), default)).Should().BeNull();
    }

    [Fact]
    public async Task ApiKeyCreate_AssignsIncreasingIds()
    {
        var (keys, _) = await StoresAsync();

        var first = await keys.CreateAsync(Key("a"), default);
        var second = await keys.CreateAsync(Key("b"), default);

        first.Id.Should().BePositive();
        second.Id.Should().BeGreaterThan(first.Id);
    }

    [Fact]
    public async Task ApiKeyRoll_KeepsPreviousHashFindable_AndNullDropsIt()
    {
        var (keys, _) = await StoresAsync();
        var key = await keys.CreateAsync(Key("v1") with { PepperId = "p1" }, default);

        var rolled = await keys.RollAsync(key.Uuid, Hash("v1"), Hash("v2"), "p2", "AbCd", Now.AddDays(1), default);

        rolled!.Hash.Should().Be(Hash("v2"));
        rolled.PepperId.Should().Be("p2");
        rolled.PreviousHash.Should().Be(Hash("v1"));
        rolled.PreviousPepperId.Should().Be("p1");
        rolled.PreviousHashExpiresAt.Should().Be(Now.AddDays(1));
        (await keys.FindByHashAsync(Hash("v1"), default))!.Uuid.Should().Be(key.Uuid);
        (await keys.FindByHashAsync(Hash("v2"), default))!.Uuid.Should().Be(key.Uuid);

        var again = await keys.RollAsync(key.Uuid, Hash("v2"), Hash("v3"), null, "AbCd", null, default);

        again!.PreviousHash.Should().BeNull();
        again.PreviousPepperId.Should().BeNull();
        again.PreviousHashExpiresAt.Should().BeNull();
        (await keys.FindByHashAsync(Hash("v1"), default)).Should().BeNull();
        (await keys.FindByHashAsync(Hash("v2"), default)).Should().BeNull();
        (await keys.FindByHashAsync(Hash("v3"), default))!.Uuid.Should().Be(key.Uuid);
    }

    [Fact]
    public async Task ApiKeyUpdates_UnknownUuid_ReturnNullOrFalse()
    {
        var (keys, _) = await StoresAsync();

        (await keys.RollAsync(Guid.NewGuid(), Hash("w"), Hash("x"), null, "AbCd", null, default)).Should().BeNull();
        (await keys.SetActiveAsync(Guid.NewGuid(), false, default)).Should().BeNull();
        (await keys.DeleteAsync(Guid.NewGuid(), default)).Should().BeFalse();
        await keys.RecordLastUsedAsync(424242, Now, default);
    }

    [Fact]
    public async Task ApiKeySetActiveAndDelete_ChangeOnlyThatKey()
    {
        var (keys, _) = await StoresAsync();
        var key = await keys.CreateAsync(Key("k"), default);
        var other = await keys.CreateAsync(Key("other"), default);

        (await keys.SetActiveAsync(key.Uuid, false, default))!.IsActive.Should().BeFalse();
        (await keys.FindByUuidAsync(other.Uuid, default))!.IsActive.Should().BeTrue();
        (await keys.DeleteAsync(key.Uuid, default)).Should().BeTrue();
        (await keys.FindByHashAsync(key.Hash, default)).Should().BeNull();
        (await keys.FindByHashAsync(other.Hash, default)).Should().NotBeNull();
    }

    [Fact]
    public async Task ApiKeyRecordLastUsed_NeverMovesBackwards()
    {
        var (keys, _) = await StoresAsync();
        var key = await keys.CreateAsync(Key("used"), default);

        await keys.RecordLastUsedAsync(key.Id, Now.AddMinutes(5), default);
        await keys.RecordLastUsedAsync(key.Id, Now.AddMinutes(1), default);

        (await keys.FindByUuidAsync(key.Uuid, default))!.LastUsedAt.Should().Be(Now.AddMinutes(5));
    }

    [Fact]
    public async Task ApiKeyListByOwner_OldestFirst_OnlyThatOwner()
    {
        var (keys, _) = await StoresAsync();
        await keys.CreateAsync(Key("late") with { CreatedAt = Now.AddMinutes(2) }, default);
        await keys.CreateAsync(Key("early") with { CreatedAt = Now.AddMinutes(-2) }, default);
        await keys.CreateAsync(Key("stranger", owner: "owner-2"), default);

        var listed = await keys.ListByOwnerAsync("owner-1", default).ToListAsync();

        listed.Select(k => k.Name).Should().Equal("key early", "key late");
    }

    [Fact]
    public async Task WebTokenReplace_OddSubject_ReadBackVerbatim()
    {
        var (_, tokens) = await StoresAsync();
        var token = Token("'; DELETE FROM credentials_web_tokens; -- ünï 🔑 \"", "odd") with { PepperId = null };

        await tokens.ReplaceAsync(token, default);

        (await tokens.FindByHashAsync(token.Hash, default)).Should().Be(token);
    }

    [Fact]
    public async Task WebTokenReplace_DropsThePreviousToken_LeavesOtherSubjects()
    {
        var (_, tokens) = await StoresAsync();
        await tokens.ReplaceAsync(Token("alice", "a1"), default);
        await tokens.ReplaceAsync(Token("bob", "b1"), default);

        await tokens.ReplaceAsync(Token("alice", "a2"), default);

        (await tokens.FindByHashAsync(Hash("a1"), default)).Should().BeNull();
        (await tokens.FindByHashAsync(Hash("a2"), default))!.Subject.Should().Be("alice");
        (await tokens.FindByHashAsync(Hash("b1"), default))!.Subject.Should().Be("bob");
    }

    [Fact]
    public async Task WebTokenReplace_SameTokenTwice_KeepsOneRow()
    {
        var (_, tokens) = await StoresAsync();
        var token = Token("again", "same");

        await tokens.ReplaceAsync(token, default);
        await tokens.ReplaceAsync(token with { ExpiresAt = Now.AddHours(2) }, default);

        (await tokens.FindByHashAsync(token.Hash, default))!.ExpiresAt.Should().Be(Now.AddHours(2));
        (await tokens.PurgeExpiredAsync(Now.AddHours(3), default)).Should().Be(1);
    }

    [Fact]
    public async Task WebTokenRevokeAndPurge_AreSetBasedAndCounted()
    {
        var (_, tokens) = await StoresAsync();
        await tokens.ReplaceAsync(Token("expired-1", "e1", Now.AddSeconds(-1)), default);
        await tokens.ReplaceAsync(Token("expired-2", "e2", Now), default);
        await tokens.ReplaceAsync(Token("live", "l1", Now.AddTicks(1)), default);

        (await tokens.PurgeExpiredAsync(Now, default)).Should().Be(2);
        (await tokens.FindByHashAsync(Hash("l1"), default)).Should().NotBeNull();
        (await tokens.RevokeAsync("live", default)).Should().BeTrue();
        (await tokens.RevokeAsync("live", default)).Should().BeFalse();
        (await tokens.FindByHashAsync(Hash("l1"), default)).Should().BeNull();
    }

    [Fact]
    public async Task WebTokenReplace_TwoHostsInParallel_ExactlyOneTokenPerRound()
    {
        var connectionString = await Database.CreateDatabaseWithSchemaAsync<HostDbContext>();
        await using var first = Database.ServicesOver<HostDbContext>(connectionString);
        await using var second = Database.ServicesOver<HostDbContext>(connectionString);
        await RotateInParallelAsync(first.GetRequiredService<IWebTokenStore>(), second.GetRequiredService<IWebTokenStore>());
    }

    [Fact]
    public async Task WebTokenReplace_RenamedTablesAndColumns_UpsertUsesTheHostsNames()
    {
        var services = await Database.CreateServicesAsync<RenamedDbContext>();
        var tokens = services.GetRequiredService<IWebTokenStore>();

        await tokens.ReplaceAsync(Token("s", "r1"), default);
        await tokens.ReplaceAsync(Token("s", "r2"), default);

        (await tokens.FindByHashAsync(Hash("r1"), default)).Should().BeNull();
        (await tokens.FindByHashAsync(Hash("r2"), default)).Should().Be(Token("s", "r2"));
        await using var scope = services.CreateAsyncScope();
        var entity = scope.ServiceProvider.GetRequiredService<RenamedDbContext>().Model.FindEntityType(typeof(WebTokenRow))!;
        entity.GetTableName().Should().Be("Host \"Web\" Tokens");
        entity.FindProperty(nameof(WebTokenRow.Subject))!.GetColumnName().Should().Be("Col Subject");
    }

    [Fact]
    public async Task WebTokenReplace_TransactionalPathInParallel_ExactlyOneTokenPerRound()
    {
        var services = await Database.CreateServicesAsync<HostDbContext>();
        var data = services.GetRequiredService<CredentialsDatabase<HostDbContext>>();

        await RotateInParallelAsync(
            new EntityFrameworkWebTokenStore<HostDbContext>(data) { UseUpsert = false },
            new EntityFrameworkWebTokenStore<HostDbContext>(data) { UseUpsert = false });
    }

    [Fact]
    public async Task Schema_SecondRowForASubject_RefusedByTheDatabaseItself()
    {
        var services = await Database.CreateServicesAsync<HostDbContext>();
        await services.GetRequiredService<IWebTokenStore>().ReplaceAsync(Token("subject", "t1"), default);
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<HostDbContext>();

        // Bypass the store, as another program writing the table would: the key, not the store, refuses.
        var insertTwin = () => context.Database.ExecuteSqlRawAsync(
            "INSERT INTO credentials_web_tokens (subject, hash, issued_at, expires_at) VALUES ({0}, {1}, 0, 0)",
            ["subject", Hash("t2").ToArray()]);

        await insertTwin.Should().ThrowAsync<DbException>();
        (await context.Set<WebTokenRow>().CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Schema_SamePreviousHashOnTwoKeys_RefusedByTheDatabase()
    {
        var (keys, _) = await StoresAsync();
        var first = await keys.CreateAsync(Key("one"), default);
        var second = await keys.CreateAsync(Key("two"), default);
        await keys.RollAsync(first.Uuid, Hash("one"), Hash("one-next"), null, "AbCd", Now.AddDays(1), default);

        // Only a corrupted roll could produce this; the unique index stops it anyway.
        await keys.Awaiting(k => k.CreateAsync(Key("three") with { PreviousHash = Hash("one") }, default))
            .Should().ThrowAsync<CredentialStoreException>();
        (await keys.FindByHashAsync(Hash("one"), default))!.Uuid.Should().Be(first.Uuid);
        (await keys.FindByUuidAsync(second.Uuid, default)).Should().NotBeNull();
    }

    [Fact]
    public async Task WebTokenReplace_HashHeldByAnotherSubject_ThrowsAfterBoundedRetriesAndChangesNothing()
    {
        var (_, tokens) = await StoresAsync();
        await tokens.ReplaceAsync(Token("owner-of-hash", "contested"), default);
        await tokens.ReplaceAsync(Token("other", "other-1"), default);

        // A unique violation on every attempt: the storm ends in an exception, not in a lost or doubled token.
        var act = async () => await tokens.ReplaceAsync(Token("other", "contested"), default);

        (await act.Should().ThrowAsync<CredentialStoreException>()).Which.InnerException.Should().BeAssignableTo<DbException>();
        (await tokens.FindByHashAsync(Hash("contested"), default))!.Subject.Should().Be("owner-of-hash");
        (await tokens.FindByHashAsync(Hash("other-1"), default))!.Subject.Should().Be("other");
    }

    [Fact]
    public async Task EveryOperation_DatabaseUnreachable_ThrowsCredentialStoreException()
    {
        await using var services = Database.ServicesOver<HostDbContext>(Database.UnreachableConnectionString);
        var keys = services.GetRequiredService<IApiKeyStore>();
        var tokens = services.GetRequiredService<IWebTokenStore>();
        Func<Task>[] operations =
        [
            async () => await keys.CreateAsync(Key("k"), default),
            async () => await keys.FindByHashAsync(Hash("k"), default),
            async () => await keys.FindByUuidAsync(Guid.NewGuid(), default),
            async () => await keys.ListByOwnerAsync("o", default).ToListAsync(),
            async () => await keys.SetActiveAsync(Guid.NewGuid(), true, default),
            async () => await keys.RollAsync(Guid.NewGuid(), Hash("m"), Hash("n"), null, "AbCd", null, default),
            async () => await keys.PurgeExpiredAsync(Now, default),
            async () => await keys.RecordLastUsedAsync(1, Now, default),
            async () => await keys.DeleteAsync(Guid.NewGuid(), default),
            async () => await tokens.ReplaceAsync(Token("s", "t"), default),
            async () => await tokens.FindByHashAsync(Hash("t"), default),
            async () => await tokens.RevokeAsync("s", default),
            async () => await tokens.PurgeExpiredAsync(Now, default),
        ];

        foreach (var operation in operations)
        {
            var thrown = await operation.Should().ThrowAsync<CredentialStoreException>();
            thrown.Which.InnerException.Should().BeAssignableTo<DbException>();
            thrown.Which.Message.Should().StartWith("The Credentials store could not complete ");
        }
    }

    [Fact]
    public async Task AnyOperation_ContextWithoutTheModel_SaysWhatToCall()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        var services = new ServiceCollection();
        services.AddDbContext<UnmappedDbContext>(options => Database.UseProvider(options, connectionString));
        services.AddCredentials().AddEntityFrameworkStores<UnmappedDbContext>();
        await using var provider = services.BuildServiceProvider();

        var act = async () => await provider.GetRequiredService<IWebTokenStore>().FindByHashAsync(Hash("x"), default);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*ApplyCredentialsModel()*");
    }

    [Fact]
    public async Task CancelledToken_Throws_OperationCanceled()
    {
        var (keys, _) = await StoresAsync();

        var act = async () => await keys.FindByHashAsync(Hash("x"), new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    protected async Task<(IApiKeyStore Keys, IWebTokenStore Tokens)> StoresAsync()
    {
        var services = await Database.CreateServicesAsync<HostDbContext>();
        return (services.GetRequiredService<IApiKeyStore>(), services.GetRequiredService<IWebTokenStore>());
    }

    /// <summary>
    /// Two stores (two hosts, or two paths) rotate one subject at the same moment, round after round; after each
    /// round exactly one of the two tokens is found and the other is gone.
    /// </summary>
    private static async Task RotateInParallelAsync(IWebTokenStore first, IWebTokenStore second)
    {
        for (var round = 0; round < Rounds; round++)
        {
            var a = Token("shared-subject", $"a{round}");
            var b = Token("shared-subject", $"b{round}");
            using var start = new Barrier(2);
            await Task.WhenAll(
                Task.Run(async () => { start.SignalAndWait(); await first.ReplaceAsync(a, default); }),
                Task.Run(async () => { start.SignalAndWait(); await second.ReplaceAsync(b, default); }));

            var foundA = await first.FindByHashAsync(a.Hash, default);
            var foundB = await second.FindByHashAsync(b.Hash, default);
            (foundA is null).Should().NotBe(foundB is null, $"exactly one token of round {round} is current");
            if (round > 0)
            {
                (await first.FindByHashAsync(Hash($"a{round - 1}"), default)).Should().BeNull();
                (await first.FindByHashAsync(Hash($"b{round - 1}"), default)).Should().BeNull();
            }
        }
    }
}

public sealed class SqliteStoreTests(SqliteDatabase database) : EntityFrameworkStoreTests(database), IClassFixture<SqliteDatabase>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresDatabase database) : EntityFrameworkStoreTests(database);
