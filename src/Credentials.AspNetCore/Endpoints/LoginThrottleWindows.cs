namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Failed logins per key in fixed windows that start at a key's first failure, for at most a fixed number of keys.
/// When the table is full, the key whose window started first is dropped (it is the nearest to expiring anyway), so
/// memory stays bounded whatever is sent. Refusing new keys instead would let whoever fills the table lock every
/// other user out of login; dropping costs an attacker a full table of failed password checks per reset of one count.
/// </summary>
internal sealed class LoginThrottleWindows(int limit, TimeSpan window, int maxKeys, TimeProvider time)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);

    /// <summary>Oldest window first: windows all last as long, so the expired ones are always at the front.</summary>
    private readonly LinkedList<Entry> _byStart = new();

    private readonly object _lock = new();

    /// <summary>How long until the key may fail again, or null when it is under the limit.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node) || node.Value.Failures < limit)
            {
                return null;
            }

            var left = node.Value.Start + window - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    public void RecordFailure(string key)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            while (_byStart.First is { } oldest && oldest.Value.Start + window <= now)
            {
                Drop(oldest);
            }

            if (_entries.TryGetValue(key, out var node))
            {
                node.Value.Failures++;
                return;
            }

            if (_entries.Count >= maxKeys)
            {
                Drop(_byStart.First!);
            }

            _entries.Add(key, _byStart.AddLast(new Entry(key, now)));
        }
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        _byStart.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed class Entry(string key, DateTimeOffset start)
    {
        public string Key { get; } = key;

        public DateTimeOffset Start { get; } = start;

        public int Failures { get; set; } = 1;
    }
}
