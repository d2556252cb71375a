using Credentials.StackExchangeRedis.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.HealthChecks;

/// <summary>
/// Whether the Redis of <c>AddRedis(...)</c> answers <c>PING</c>. The description says only that, and how long the answer
/// took: the client's exceptions stay out of the result, since they may name the server and its configuration.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await connection.GetDatabaseAsync().ConfigureAwait(false);
            var latency = await database.PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis does not answer PING ({exception.GetType().Name}).");
        }
    }
}
