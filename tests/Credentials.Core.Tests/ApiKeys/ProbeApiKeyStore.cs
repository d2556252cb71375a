using System.Threading.Channels;
using Credentials.ApiKeys;
using Credentials.Secrets;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>An in-memory store that counts lookups, reports last-used writes and can be made to fail or stall.</summary>
internal sealed class ProbeApiKeyStore : IApiKeyStore
{
    private readonly IApiKeyStore _inner;
    private readonly Channel<(long Id, DateTimeOffset UsedAt)> _lastUsedWrites = Channel.CreateUnbounded<(long, DateTimeOffset)>();
    private int _findByHashCalls;
    private int _findByUuidCalls;
    private int _lastUsedWriteCount;
    private int _spendCalls;

    public ProbeApiKeyStore()
        : this(new InMemoryApiKeyStore())
    {
    }

    /// <summary>Private, so a container building the probe never tries to inject the store it is.</summary>
    private ProbeApiKeyStore(IApiKeyStore inner) => _inner = inner;

    /// <summary>A probe over <paramref name="shared"/>: two probes on one store are two instances on one database.</summary>
    public static ProbeApiKeyStore Over(InMemoryApiKeyStore shared) => new(shared);

    public int FindByHashCalls => Volatile.Read(ref _findByHashCalls);

    public int FindByUuidCalls => Volatile.Read(ref _findByUuidCalls);

    public int SpendCalls => Volatile.Read(ref _spendCalls);

    public int LastUsedWriteCount => Volatile.Read(ref _lastUsedWriteCount);

    /// <summary>Runs once inside the next FindByHashAsync, after the record was read and before it is returned, when set.</summary>
    public Func<Task>? AfterFindByHash { get; set; }

    /// <summary>Thrown from CreateAsync when set.</summary>
    public Exception? CreateFault { get; set; }

    /// <summary>Thrown from RecordLastUsedAsync when set.</summary>
    public Exception? LastUsedFault { get; set; }

    /// <summary>Runs inside RollAsync before the roll reaches the store, when set: lets a test commit a racing change.</summary>
    public Func<Task>? BeforeRoll { get; set; }

    /// <summary>RecordLastUsedAsync waits for this before writing, when set.</summary>
    public Task? LastUsedGate { get; set; }

    /// <summary>The next last-used write the service makes (after it happened or failed).</summary>
    public async Task<(long Id, DateTimeOffset UsedAt)> NextLastUsedWriteAsync() =>
        await _lastUsedWrites.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public ValueTask<ApiKey> CreateAsync(ApiKey key, CancellationToken cancellationToken) =>
        CreateFault is { } fault ? throw fault : _inner.CreateAsync(key, cancellationToken);

    public ValueTask<ApiKey?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _findByHashCalls);
        var found = _inner.FindByHashAsync(hash, cancellationToken);
        return AfterFindByHash is { } after ? ReturnAfterAsync(found, after) : found;
    }

    public ValueTask<ApiKey?> FindByUuidAsync(Guid uuid, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _findByUuidCalls);
        return _inner.FindByUuidAsync(uuid, cancellationToken);
    }

    public IAsyncEnumerable<ApiKey> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken) => _inner.ListByOwnerAsync(ownerId, cancellationToken);

    public ValueTask<ApiKey?> SetActiveAsync(Guid uuid, bool isActive, CancellationToken cancellationToken) => _inner.SetActiveAsync(uuid, isActive, cancellationToken);

    public async ValueTask<ApiKey?> RollAsync(
        Guid uuid, SecretHash expectedHash, SecretHash newHash, string? newPepperId, string newHint, DateTimeOffset? previousExpiresAt, CancellationToken cancellationToken)
    {
        if (BeforeRoll is { } racing)
        {
            BeforeRoll = null;
            await racing();
        }

        return await _inner.RollAsync(uuid, expectedHash, newHash, newPepperId, newHint, previousExpiresAt, cancellationToken);
    }

    public ValueTask<bool> SpendCreditsAsync(Guid uuid, long cost, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _spendCalls);
        return _inner.SpendCreditsAsync(uuid, cost, now, cancellationToken);
    }

    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset expiredAtOrBefore, CancellationToken cancellationToken) =>
        _inner.PurgeExpiredAsync(expiredAtOrBefore, cancellationToken);

    public async ValueTask RecordLastUsedAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        try
        {
            Interlocked.Increment(ref _lastUsedWriteCount);
            if (LastUsedGate is { } gate)
            {
                await gate;
            }

            if (LastUsedFault is { } fault)
            {
                throw fault;
            }

            await _inner.RecordLastUsedAsync(id, usedAt, cancellationToken);
        }
        finally
        {
            _lastUsedWrites.Writer.TryWrite((id, usedAt));
        }
    }

    public ValueTask<ApiKey?> UpdateMeteringAsync(
        Guid uuid, IReadOnlyList<ApiKeyRateLimit>? rateLimits, bool replaceCredits, ApiKeyCredits? credits, CancellationToken cancellationToken) =>
        _inner.UpdateMeteringAsync(uuid, rateLimits, replaceCredits, credits, cancellationToken);

    public ValueTask<bool> DeleteAsync(Guid uuid, CancellationToken cancellationToken) => _inner.DeleteAsync(uuid, cancellationToken);

    private async ValueTask<ApiKey?> ReturnAfterAsync(ValueTask<ApiKey?> found, Func<Task> after)
    {
        AfterFindByHash = null;
        var record = await found;
        await after();
        return record;
    }
}
