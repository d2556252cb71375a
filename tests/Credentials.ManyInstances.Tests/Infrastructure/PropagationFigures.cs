using System.Globalization;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>Nearest-rank percentiles of a set of measured durations, printed in milliseconds (seconds from 10 s up).</summary>
internal sealed class PropagationFigures
{
    private readonly TimeSpan[] _sorted;

    public PropagationFigures(IEnumerable<TimeSpan> samples)
    {
        _sorted = [.. samples.Order()];
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("No samples.", nameof(samples));
        }
    }

    public TimeSpan P50 => Percentile(50);

    public TimeSpan P95 => Percentile(95);

    public TimeSpan Max => _sorted[^1];

    public override string ToString() => $"p50 {Format(P50)}, p95 {Format(P95)}, max {Format(Max)} over {_sorted.Length}";

    private static string Format(TimeSpan duration) => duration >= TimeSpan.FromSeconds(10)
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###} ms");

    private TimeSpan Percentile(int percent) => _sorted[Math.Max(0, ((_sorted.Length * percent) + 99) / 100 - 1)];
}
