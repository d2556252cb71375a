namespace Credentials.Client.Refresh;

/// <summary>
/// Lets one fetch run at a time. A fetch abandoned at its timeout keeps the slot until it has really ended: against a
/// single-active API two fetches retire each other's token.
/// </summary>
internal sealed class SingleFetchSlot
{
    private readonly object _gate = new();
    private Task _running = Task.CompletedTask;

    /// <summary>
    /// Waits until no fetch runs, then runs <paramref name="fetch"/> in the slot, unless <paramref name="broughtMeanwhile"/>
    /// finds a token that the fetch it waited for brought after all: that token is the answer.
    /// </summary>
    /// <param name="broughtMeanwhile">Checked once the slot is free and before it is claimed.</param>
    /// <param name="fetch">Runs holding the slot; the slot is free again once it has ended, however it ends.</param>
    /// <param name="cancellationToken">Cancels the wait for the slot, and is passed on to the fetch.</param>
    public async Task<CachedToken> RunAloneAsync(
        Func<CachedToken?> broughtMeanwhile,
        Func<CancellationToken, Task<CachedToken>> fetch,
        CancellationToken cancellationToken)
    {
        TaskCompletionSource slot;
        while (true)
        {
            Task running;
            lock (_gate)
            {
                running = _running;
                if (running.IsCompleted)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (broughtMeanwhile() is { } brought)
                    {
                        return brought;
                    }

                    slot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _running = slot.Task;
                    break;
                }
            }

            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await fetch(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.SetResult();
        }
    }
}
