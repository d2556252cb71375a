using Microsoft.Extensions.Logging;

namespace Credentials.Core.Tests.WebTokens;

/// <summary>Keeps every formatted log line with its event id.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(EventId Id, string Message)> _entries = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, TaskCompletionSource> _logged = new();

    public IReadOnlyCollection<(EventId Id, string Message)> Entries => _entries;

    /// <summary>Completes once an entry with this event id has been logged, for log lines written in the background.</summary>
    public Task WhenLogged(int eventId) => Signal(eventId).Task;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _entries.Enqueue((eventId, formatter(state, exception)));
        Signal(eventId.Id).TrySetResult();
    }

    private TaskCompletionSource Signal(int eventId) =>
        _logged.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
