using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>Watches one instance's counters (through its own meter factory, so the other instance's are not counted).</summary>
internal static class InstanceMetrics
{
    /// <summary><c>credentials.verification_cache.lookups</c>, tagged <c>outcome</c> = hit or miss.</summary>
    public static MetricCollector<long> WatchCacheLookups(this Instance instance) =>
        // The meter's name as Credentials.Core gives it (CredentialsMetrics.MeterName is internal).
        new(instance.Services.GetRequiredService<IMeterFactory>(), "Credentials.Core", "credentials.verification_cache.lookups");
}
