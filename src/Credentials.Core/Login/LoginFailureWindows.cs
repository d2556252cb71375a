namespace Credentials.Login;

/// <summary>
/// Failures per key in fixed windows that start at a key's first failure, for at most a fixed number of keys. When the
/// table is full, the key whose window started first is dropped (it is the nearest to expiring anyway), so memory stays
/// bounded whatever is sent. Refusing new keys instead would let whoever fills the table lock every other user out of
/// login; dropping costs an attacker a full table of failed password checks per reset of one count.
/// </summary>
internal sealed class LoginFailureWindows(int maxKeys, TimeProvider time)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);

    /// <summary>Oldest window first: a caller passes one window length, so the expired ones are at the front.</summary>
    private readonly LinkedList<Entry> _byStart = new();

    private readonly object _lock = new();

    public LoginFailureCount Read(string key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var node) ? Count(node.Value, time.GetUtcNow()) : default;
        }
    }

    public LoginFailureCount RecordFailure(string key, TimeSpan window)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            while (_byStart.First is { } oldest && oldest.Value.End <= now)
            {
                Drop(oldest);
            }

            // Still there after the sweep yet ended: a longer window in front of it kept it; it starts afresh.
            if (_entries.TryGetValue(key, out var node) && node.Value.End <= now)
            {
                Drop(node);
            }
            else if (node is not null)
            {
                node.Value.Failures++;
                return Count(node.Value, now);
            }

            if (_entries.Count >= maxKeys)
            {
                Drop(_byStart.First!);
            }

            var entry = new Entry(key, now + window);
            _entries.Add(key, _byStart.AddLast(entry));
            return Count(entry, now);
        }
    }

    private static LoginFailureCount Count(Entry entry, DateTimeOffset now)
    {
        var left = entry.End - now;
        return left > TimeSpan.Zero ? new LoginFailureCount(entry.Failures, left) : default;
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        _byStart.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed class Entry(string key, DateTimeOffset end)
    {
        public string Key { get; } = key;

        public DateTimeOffset End { get; } = end;

        public int Failures { get; set; } = 1;
    }
}
