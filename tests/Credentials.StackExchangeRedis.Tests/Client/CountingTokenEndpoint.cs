using Credentials.Client;

namespace Credentials.StackExchangeRedis.Tests.Client;

/// <summary>
/// A single-active token API: every fetch issues <c>token-N</c>, valid for an hour on the given clock, after a short
/// pause so that concurrent fetches would overlap. Counts fetches and the most that ran at once.
/// </summary>
internal sealed class CountingTokenEndpoint(TimeProvider clock)
{
    private int _fetches;
    private int _inFlight;
    private int _maxInFlight;

    public int Fetches => Volatile.Read(ref _fetches);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public async ValueTask<FetchedWebToken> FetchAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _fetches);
        var inFlight = Interlocked.Increment(ref _inFlight);
        int seen;
        while (inFlight > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
        }

        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            return new FetchedWebToken($"token-{n}", clock.GetUtcNow().AddHours(1));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
