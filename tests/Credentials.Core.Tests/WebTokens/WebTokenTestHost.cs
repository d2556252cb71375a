using System.Diagnostics.Metrics;
using Credentials.Secrets;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Core.Tests.WebTokens;

/// <summary>The web token services as <c>AddCredentials()</c> wires them, over a fake clock and a recording logger.</summary>
internal sealed class WebTokenTestHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public WebTokenTestHost(
        Action<CredentialsOptions>? configure = null,
        ISecretRandom? random = null,
        IWebTokenStore? store = null,
        FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ILogger<WebTokenService>>(Logger);
        services.AddSingleton<IMeterFactory>(Meters);
        if (random is not null)
        {
            services.AddSingleton(random);
        }

        if (store is not null)
        {
            services.AddSingleton(store);
        }

        services.AddCredentials(configure ?? (_ => { }));
        _provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public RecordingLogger<WebTokenService> Logger { get; } = new();

    public RecordingMeterFactory Meters { get; } = new();

    public IWebTokenService Service => _provider.GetRequiredService<IWebTokenService>();

    public IWebTokenStore Store => _provider.GetRequiredService<IWebTokenStore>();

    public void Dispose() => _provider.Dispose();
}

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

/// <summary>Creates this host's own meters and records what their counters add, untouched by parallel tests.</summary>
internal sealed class RecordingMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Instrument, string Tags)> _measurements = new();

    public RecordingMeterFactory()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            lock (_meters)
            {
                if (_meters.Contains(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            var text = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            _measurements.Enqueue((instrument.Name, text));
        });
        _listener.Start();
    }

    /// <summary>Each measurement as "instrument kind=...,reason=...".</summary>
    public IEnumerable<string> Measurements => _measurements.Select(m => $"{m.Instrument} {m.Tags}");

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, this);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        _listener.RecordObservableInstruments();
        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
