using System.Diagnostics;
using Credentials.Invalidation;

namespace Credentials.Testing;

/// <summary>
/// A subscriber that keeps every message with the <see cref="Stopwatch"/> timestamp of its arrival, and lets a test
/// wait for one.
/// </summary>
internal sealed class InvalidationRecorder : IDisposable
{
    private readonly object _gate = new();
    private readonly List<(CredentialInvalidation Message, long ArrivedAt)> _received = [];
    private readonly IDisposable _subscription;
    private TaskCompletionSource _arrived = NewSignal();

    public InvalidationRecorder(ICredentialInvalidationChannel channel) => _subscription = channel.Subscribe(Record);

    /// <summary>What arrived so far, in order.</summary>
    public IReadOnlyList<CredentialInvalidation> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received.Select(r => r.Message)];
            }
        }
    }

    /// <summary>How many of the messages so far are <paramref name="message"/>.</summary>
    public int Count(CredentialInvalidation message) => Received.Count(m => m.Equals(message));

    /// <summary>Waits until a message matching <paramref name="match"/> has arrived at position <paramref name="from"/> or later; returns its arrival timestamp.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="patience"/>.</exception>
    public async Task<long> WaitForAsync(Func<CredentialInvalidation, bool> match, TimeSpan patience, int from = 0)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                for (var i = from; i < _received.Count; i++)
                {
                    if (match(_received[i].Message))
                    {
                        return _received[i].ArrivedAt;
                    }
                }

                arrived = _arrived.Task;
            }

            var left = patience - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching invalidation arrived within {patience.TotalSeconds} s; received: {string.Join(", ", Received)}.");
            }

            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    public void Dispose() => _subscription.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Record(CredentialInvalidation message)
    {
        var arrivedAt = Stopwatch.GetTimestamp();
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _received.Add((message, arrivedAt));
            arrived = _arrived;
            _arrived = NewSignal();
        }

        arrived.SetResult();
    }
}
