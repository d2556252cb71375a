using Credentials.ApiKeys;
using Credentials.Sessions;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Hosting;

/// <summary>
/// Purges expired web tokens, sessions and API keys from their stores on an interval of the host's
/// <see cref="TimeProvider"/>. The first purge comes at a random point within the first interval (instances started
/// together spread out); each store is purged on its own, so a fault in one is logged, the others still run, and the
/// next interval tries again; shutdown cancels a wait or a purge at once.
/// </summary>
internal sealed class ExpiredCredentialPurgeService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ExpiredCredentialPurgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _firstRunFraction;
    private DateTimeOffset _firstRunAt;

    public ExpiredCredentialPurgeService(
        IServiceScopeFactory scopes, ExpiredCredentialPurgeOptions options, TimeProvider time, ILogger logger, Func<double> firstRunFraction)
    {
        _scopes = scopes;
        _options = options;
        _time = time;
        _logger = logger;
        _firstRunFraction = firstRunFraction;
    }

    /// <summary>Draws the first run while the host starts: <see cref="ExecuteAsync"/> runs on the thread pool, later.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var firstRun = _options.Interval * _firstRunFraction();
        _firstRunAt = _time.GetUtcNow() + firstRun;
        ExpiredCredentialPurgeLog.Scheduled(_logger, firstRun, _options.Interval);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var untilFirstRun = _firstRunAt - _time.GetUtcNow();
            if (untilFirstRun > TimeSpan.Zero)
            {
                await Task.Delay(untilFirstRun, _time, stoppingToken).ConfigureAwait(false);
            }

            using var timer = new PeriodicTimer(_options.Interval, _time);
            do
            {
                await PurgeAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: nothing is left half done that the next start would not redo.
        }
    }

    /// <summary>One purge of every store, each in its own try: one store's fault does not keep the others full.</summary>
    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var apiKeysExpiredBefore = now - _options.ApiKeyRetention;
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            var webTokens = await PurgeStoreAsync("web tokens", () => services.GetRequiredService<IWebTokenStore>().PurgeExpiredAsync(now, cancellationToken), cancellationToken).ConfigureAwait(false);
            var sessions = await PurgeStoreAsync("sessions", () => services.GetRequiredService<ISessionStore>().PurgeExpiredAsync(now, cancellationToken), cancellationToken).ConfigureAwait(false);
            var apiKeys = await PurgeStoreAsync("API keys", () => services.GetRequiredService<IApiKeyStore>().PurgeExpiredAsync(apiKeysExpiredBefore, cancellationToken), cancellationToken).ConfigureAwait(false);
            ExpiredCredentialPurgeLog.Purged(_logger, webTokens, sessions, apiKeys);
        }
    }

    private async Task<int> PurgeStoreAsync(string store, Func<ValueTask<int>> purge, CancellationToken cancellationToken)
    {
        try
        {
            return await purge().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A background purge must never take the host down: the fault is logged and the next interval retries.
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            ExpiredCredentialPurgeLog.PurgeFailed(_logger, exception, store, _options.Interval);
            return 0;
        }
    }
}
