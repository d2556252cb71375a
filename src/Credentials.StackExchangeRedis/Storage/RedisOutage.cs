namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// Whether a Redis-backed counter answers from its in-process fallback: an outage's start and its end are each seen
/// once, however many requests meet them, so each is logged once.
/// </summary>
internal sealed class RedisOutage
{
    private int _down;

    /// <summary>True for the first failure of an outage.</summary>
    public bool Began() => Interlocked.Exchange(ref _down, 1) == 0;

    /// <summary>True for the first answer after an outage; the healthy path only reads, so it writes nothing shared.</summary>
    public bool Ended() => Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1;
}
