using System.Collections.Concurrent;
using Credentials.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.ApiKeys;

/// <summary>
/// Writes a key's last-used time at most once per interval, in the background. A store write per verification is
/// what deadlocks busy hosts (Laravel Sanctum's known problem), so verification only touches this in-memory throttle.
/// A singleton: the write runs in its own DI scope, so a scoped store (EF Core) is not used after its request ends.
/// </summary>
internal sealed class ApiKeyUsageRecorder
{
    /// <summary>The throttle forgets everything past this many keys: memory stays bounded, the cost is a few extra writes.</summary>
    internal const int MaxTrackedKeys = 100_000;

    private readonly ConcurrentDictionary<long, long> _lastWrittenTicks = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly long _intervalTicks;
    private readonly ILogger _logger;
    private int _tracked;

    public ApiKeyUsageRecorder(IServiceScopeFactory scopes, ApiKeyOptions options, ILogger<ApiKeyUsageRecorder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _intervalTicks = options.LastUsedWriteInterval.Ticks;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Schedules a write unless this key's use was written (or stored) within the interval. Never blocks, never throws.</summary>
    public void Record(ApiKey key, DateTimeOffset usedAt)
    {
        var ticks = usedAt.UtcTicks;
        if (key.LastUsedAt is { } stored && ticks - stored.UtcTicks < _intervalTicks)
        {
            return;
        }

        if (_lastWrittenTicks.TryGetValue(key.Id, out var last))
        {
            // Only the thread that moves the mark forward writes.
            if (ticks - last < _intervalTicks || !_lastWrittenTicks.TryUpdate(key.Id, ticks, last))
            {
                return;
            }
        }
        else
        {
            if (Interlocked.Increment(ref _tracked) > MaxTrackedKeys)
            {
                _lastWrittenTicks.Clear();
                Interlocked.Exchange(ref _tracked, 1);
            }

            if (!_lastWrittenTicks.TryAdd(key.Id, ticks))
            {
                return;
            }
        }

        StartWrite(key, usedAt);
    }

    /// <summary>Apart from <see cref="Record"/> so the lambda's closure is allocated only when a write starts, not on every call.</summary>
    private void StartWrite(ApiKey key, DateTimeOffset usedAt) => _ = Task.Run(() => WriteAsync(key, usedAt));

    private async Task WriteAsync(ApiKey key, DateTimeOffset usedAt)
    {
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var store = scope.ServiceProvider.GetRequiredService<IApiKeyStore>();
                await store.RecordLastUsedAsync(key.Id, usedAt, CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A background write must never surface: the failure is logged and the next interval retries.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ApiKeyLog.LastUsedWriteFailed(_logger, exception, key.Uuid);
        }
    }
}
