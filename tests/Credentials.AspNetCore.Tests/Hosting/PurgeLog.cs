using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>
/// A logger whose entries a test awaits one by one: the purge runs on the fake clock's timer callbacks, so a test
/// waits for the entry that says a purge happened instead of sleeping.
/// </summary>
internal sealed class PurgeLog : ILogger
{
    private readonly Channel<(EventId Id, string Message, Exception? Exception)> _entries = Channel.CreateUnbounded<(EventId, string, Exception?)>();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Writer.TryWrite((eventId, formatter(state, exception), exception));

    /// <summary>The next entry with <paramref name="eventId"/>, skipping others; fails after 10 seconds of real time.</summary>
    public async Task<(string Message, Exception? Exception)> NextAsync(int eventId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var entry = await _entries.Reader.ReadAsync(timeout.Token);
            if (entry.Id.Id == eventId)
            {
                return (entry.Message, entry.Exception);
            }
        }
    }

    /// <summary>True when an entry with <paramref name="eventId"/> is waiting now (consumes entries up to it).</summary>
    public bool HasPending(int eventId)
    {
        while (_entries.Reader.TryRead(out var entry))
        {
            if (entry.Id.Id == eventId)
            {
                return true;
            }
        }

        return false;
    }
}
