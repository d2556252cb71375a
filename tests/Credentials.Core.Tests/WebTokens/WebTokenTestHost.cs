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
