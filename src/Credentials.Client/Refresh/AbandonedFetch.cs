using Credentials.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Credentials.Client.Refresh;

/// <summary>What becomes of a fetch whose refresh failed: nobody waits for it any more, but its outcome is observed.</summary>
internal static class AbandonedFetch
{
    /// <summary>
    /// Sees the fetch to its end. One still running (it outlived its timeout) is cancelled first, only now that the
    /// waiters have their answer: its cancellation callbacks run here, and one that throws must not strand them. A late
    /// token was already stored when the fetch ended; a failure other than the one the waiters got is logged.
    /// </summary>
#pragma warning disable CA1031 // Nobody waits for an abandoned fetch any more; the log is the only place its failure can go.
    public static async Task SettleAsync(Task<CachedToken> fetch, CancellationTokenSource fetchCancellation, Exception reported, ILogger logger)
    {
        if (!fetch.IsCompleted)
        {
            try
            {
                await fetchCancellation.CancelAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                WebTokenClientLog.AbandonedFetchFailed(logger, exception);
            }
        }

        try
        {
            await fetch.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (fetchCancellation.IsCancellationRequested)
        {
            // The fetch honoured its cancellation: the expected end of an abandoned fetch.
        }
        catch (Exception exception)
        {
            if (!ReferenceEquals(exception, reported))
            {
                WebTokenClientLog.AbandonedFetchFailed(logger, exception);
            }
        }
    }
#pragma warning restore CA1031
}
