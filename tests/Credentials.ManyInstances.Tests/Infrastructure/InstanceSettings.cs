using Credentials.AspNetCore.Endpoints;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>What one instance is started with; the two instances of a pair differ only in <see cref="Name"/>.</summary>
internal sealed record InstanceSettings(
    string Name,
    string DatabaseConnectionString,
    string RedisConnectionString,
    string KeyPrefix,
    InvalidationTransport Transport,
    WebTokenStorage WebTokens,
    TimeProvider Clock,
    Action<LoginThrottleOptions> Throttle);
