using Credentials.ApiKeys;
using FluentAssertions.Equivalency;
using static Credentials.Testing.SecretHashes;

namespace Credentials.Testing;

/// <summary>
/// The contract every <see cref="IApiKeyStore"/> keeps, checked through the interface alone. The in-memory store and
/// the EF Core stores (SQLite, PostgreSQL) run it; a host runs it against its own store by deriving an xunit test class
/// and returning a new, empty store from <see cref="CreateStoreAsync"/>.
/// </summary>
/// <remarks>
/// The tests are xunit v2 facts and theories, so the deriving project references <c>xunit</c> 2.9 and its runner.
/// Every instant a store keeps or compares is passed to it, so the suite needs no clock; times are whole milliseconds in
/// UTC so that databases with microsecond precision round-trip them exactly. A duplicate hash or uuid may be refused
/// with any exception.
/// </remarks>
public abstract partial class ApiKeyStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    /// <summary>
    /// A new, empty store for one test, wired as the host wires it (for a database: a new or emptied database per call).
    /// Each test calls this once and may call the store from several threads at once.
    /// </summary>
    /// <returns>The store under test.</returns>
    protected abstract Task<IApiKeyStore> CreateStoreAsync();

    /// <summary>Create gives every new key a positive id no other key has.</summary>
    [Fact]
    public async Task CreateAsync_NewKeys_AssignsPositiveDistinctIds()
    {
        var store = await CreateStoreAsync();

        var first = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var second = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        first.Id.Should().BePositive();
        second.Id.Should().BePositive().And.NotBe(first.Id);
    }

    /// <summary>Create stores every field as given and returns the record with its id; a lookup returns the same values.</summary>
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
            Hint = "9xYz",
            LastUsedAt = T0.AddMinutes(5),
        };

        var created = await store.CreateAsync(key, CancellationToken.None);
        var found = await store.FindByUuidAsync(key.Uuid, CancellationToken.None);

        created.Should().BeEquivalentTo(key, o => o.ComparingByMembers<ApiKey>().Excluding(k => k.Id));
        found.Should().BeEquivalentTo(created, ByMembers);
        found!.Permissions.Should().Equal("read", "write", "api.keys.create");
    }

    /// <summary>A record stored without a hint (before hints were kept) reads back without one.</summary>
    [Fact]
    public async Task CreateAsync_WithoutHint_ReadsBackWithoutHint()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1") with { Hint = null }, CancellationToken.None);

        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.Hint.Should().BeNull();
        (await store.FindByHashAsync(created.Hash, CancellationToken.None))!.Hint.Should().BeNull();
    }

    /// <summary>Create refuses a key whose hash is already stored (any exception) and stores nothing of it.</summary>
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

    /// <summary>Create refuses a key whose uuid is already stored (any exception) and stores nothing of it.</summary>
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

    /// <summary>A key is found by the hash of its current secret.</summary>
    [Fact]
    public async Task FindByHashAsync_CurrentHash_ReturnsRecord()
    {
        var store = await CreateStoreAsync();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        var found = await store.FindByHashAsync(created.Hash, CancellationToken.None);

        found.Should().BeEquivalentTo(created, ByMembers);
    }

    /// <summary>A hash no key has finds nothing: null, not an exception.</summary>
    [Fact]
    public async Task FindByHashAsync_UnknownHash_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        (await store.FindByHashAsync(RandomHash(), CancellationToken.None)).Should().BeNull();
    }

    /// <summary>A uuid no key has finds nothing: null, not an exception.</summary>
    [Fact]
    public async Task FindByUuidAsync_UnknownUuid_ReturnsNull()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        (await store.FindByUuidAsync(Guid.NewGuid(), CancellationToken.None)).Should().BeNull();
    }

    /// <summary>Listing returns the owner's keys only, oldest first.</summary>
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

    /// <summary>Listing an owner with no keys returns nothing.</summary>
    [Fact]
    public async Task ListByOwnerAsync_UnknownOwner_IsEmpty()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);

        (await ListAsync(store, "nobody")).Should().BeEmpty();
    }

    /// <summary>Owner ids compare ordinally: ids differing only in case are different owners.</summary>
    [Fact]
    public async Task ListByOwnerAsync_OwnerIdsDifferingInCase_AreDifferentOwners()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(NewKey("Owner"), CancellationToken.None);

        (await ListAsync(store, "owner")).Should().BeEmpty();
    }

    /// <summary>Names, owner ids, permissions and metadata round-trip verbatim: quotes, SQL, any script, invisible characters, wildcards.</summary>
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

    /// <summary>A 255-character name and 16 KiB of metadata round-trip verbatim.</summary>
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

    /// <summary>A key with no permissions and no optional values round-trips as empty permissions and nulls.</summary>
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

    /// <summary>Concurrent creates all succeed with distinct positive ids, every key findable and listed in id order.</summary>
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
    private static EquivalencyAssertionOptions<ApiKey> ByMembers(EquivalencyAssertionOptions<ApiKey> options) =>
        options.ComparingByMembers<ApiKey>();

    /// <summary>A record as the service would hand it to the store: random hash and uuid, no id yet.</summary>
    /// <param name="ownerId">The owning user's id.</param>
    /// <param name="name">The key's display name.</param>
    /// <returns>A new record, created at a fixed instant, active, with no permissions and no expiry.</returns>
    protected static ApiKey NewKey(string ownerId, string name = "test key") => new()
    {
        Uuid = Guid.NewGuid(),
        Name = name,
        Prefix = "cc_live_",
        Hint = "Ab12",
        OwnerId = ownerId,
        CreatedAt = T0,
        Hash = RandomHash(),
    };

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
