using System.Globalization;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>Nearest-rank percentiles of a set of measured durations, printed in milliseconds.</summary>
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

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {P50.TotalMilliseconds:0.###} ms, p95 {P95.TotalMilliseconds:0.###} ms, max {Max.TotalMilliseconds:0.###} ms over {_sorted.Length}");

    private TimeSpan Percentile(int percent) => _sorted[Math.Max(0, ((_sorted.Length * percent) + 99) / 100 - 1)];
}
