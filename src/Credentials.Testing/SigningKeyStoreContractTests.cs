using Credentials.Jwt;

namespace Credentials.Testing;

/// <summary>
/// The contract every <see cref="ISigningKeyStore"/> keeps, checked through the interface alone: above all that a
/// generation holds at most one key, so instances deciding together that a key is due make one key between them. The
/// in-memory store, the EF Core store (SQLite, PostgreSQL) and the Redis store run it; a host runs it against its own
/// store by deriving an xunit test class and returning a new, empty store from <see cref="CreateStoreAsync"/>.
/// </summary>
/// <remarks>Instants are whole seconds so every database keeps them exactly; the key bytes are opaque to a store.</remarks>
public abstract class SigningKeyStoreContractTests
{
    /// <summary>The instant the suite's keys are made at unless a test says otherwise.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty store for one test, wired as the host wires it. The same instance is then called from many threads at once.</summary>
    /// <returns>The store under test.</returns>
    protected abstract Task<ISigningKeyStore> CreateStoreAsync();

    /// <summary>Instances racing to add the same generation in the concurrency test, 16 by default.</summary>
    protected virtual int ConcurrentWriters => 16;

    /// <summary>A new store lists nothing.</summary>
    [Fact]
    public async Task ListAsync_NewStore_ReturnsNothing()
    {
        var store = await CreateStoreAsync();

        (await store.ListAsync(CancellationToken.None)).Should().BeEmpty();
    }

    /// <summary>An added key lists with every field as given, bytes included.</summary>
    [Fact]
    public async Task TryAddAsync_NewGeneration_StoresEveryField()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(1);

        (await store.TryAddAsync(key, CancellationToken.None)).Should().BeTrue();
        var listed = await store.ListAsync(CancellationToken.None);

        listed.Should().ContainSingle();
        listed[0].Generation.Should().Be(1);
        listed[0].KeyId.Should().Be(key.KeyId);
        listed[0].Algorithm.Should().Be("ES256");
        listed[0].CreatedAt.Should().Be(key.CreatedAt);
        listed[0].ActivatesAt.Should().Be(key.ActivatesAt);
        listed[0].ProtectedPrivateKey.Should().Equal(key.ProtectedPrivateKey);
    }

    /// <summary>A second key for a generation already taken is refused, and the first stays as it was.</summary>
    [Fact]
    public async Task TryAddAsync_GenerationTaken_ReturnsFalseAndKeepsTheFirst()
    {
        var store = await CreateStoreAsync();
        var first = NewKey(1);
        await store.TryAddAsync(first, CancellationToken.None);

        (await store.TryAddAsync(NewKey(1), CancellationToken.None)).Should().BeFalse();

        (await store.ListAsync(CancellationToken.None)).Should().ContainSingle().Which.KeyId.Should().Be(first.KeyId);
    }

    /// <summary>Keys list in ascending generation, whatever order they were added in.</summary>
    [Fact]
    public async Task ListAsync_SeveralGenerations_ReturnsThemInGenerationOrder()
    {
        var store = await CreateStoreAsync();
        foreach (var generation in new long[] { 3, 1, 2 })
        {
            await store.TryAddAsync(NewKey(generation), CancellationToken.None);
        }

        (await store.ListAsync(CancellationToken.None)).Select(k => k.Generation).Should().Equal(1, 2, 3);
    }

    /// <summary>Many instances adding the same generation at once: exactly one succeeds and one key is stored.</summary>
    [Fact]
    public async Task TryAddAsync_RacingSameGeneration_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var candidates = Enumerable.Range(0, ConcurrentWriters).Select(_ => NewKey(7)).ToArray();
        using var start = new ManualResetEventSlim();

        var racing = candidates.Select(key => Task.Run(async () =>
        {
            start.Wait();
            return await store.TryAddAsync(key, CancellationToken.None);
        })).ToArray();
        start.Set();
        var added = await Task.WhenAll(racing);

        added.Count(a => a).Should().Be(1);
        var stored = (await store.ListAsync(CancellationToken.None)).Should().ContainSingle().Subject;
        candidates[Array.IndexOf(added, true)].KeyId.Should().Be(stored.KeyId, "the winner's key is the one stored");
    }

    /// <summary>A deleted key no longer lists; the others stay.</summary>
    [Fact]
    public async Task DeleteAsync_StoredGeneration_RemovesOnlyThatKey()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync(NewKey(1), CancellationToken.None);
        await store.TryAddAsync(NewKey(2), CancellationToken.None);

        (await store.DeleteAsync(1, CancellationToken.None)).Should().BeTrue();

        (await store.ListAsync(CancellationToken.None)).Select(k => k.Generation).Should().Equal(2);
    }

    /// <summary>Deleting a generation the store does not hold (another instance deleted it first) answers false.</summary>
    [Fact]
    public async Task DeleteAsync_UnknownGeneration_ReturnsFalse()
    {
        var store = await CreateStoreAsync();

        (await store.DeleteAsync(42, CancellationToken.None)).Should().BeFalse();
    }

    /// <summary>A key with a random <c>kid</c> and key bytes, made at <see cref="Now"/> and signing a day later.</summary>
    /// <param name="generation">Its generation.</param>
    /// <returns>The key.</returns>
    protected static StoredSigningKey NewKey(long generation) => new()
    {
        Generation = generation,
        KeyId = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        Algorithm = "ES256",
        CreatedAt = Now,
        ActivatesAt = Now.AddDays(1),
        ProtectedPrivateKey = Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray(),
    };
}
