using Credentials.Login;
using Credentials.StackExchangeRedis.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Login;

/// <summary>
/// <see cref="ILoginFailureCounter"/> on Redis: every instance that uses the same server and key prefix spends one
/// budget per username and per address. Each step is one Lua script, so concurrent failures from any number of
/// instances are each counted exactly once, and a key's window is its TTL, so Redis forgets ended windows by itself.
/// </summary>
/// <remarks>
/// While Redis does not answer, failures are counted in this process (the host's <see cref="InMemoryLoginFailureCounter"/>)
/// and a warning is logged once: an outage neither locks every user out nor lifts throttling; each instance then keeps
/// budgets of its own until Redis answers again, when the Redis counts take over.
/// </remarks>
internal sealed class RedisLoginFailureCounter(
    RedisConnection connection,
    string keyPrefix,
    InMemoryLoginFailureCounter fallback,
    ILogger<RedisLoginFailureCounter> logger) : ILoginFailureCounter
{
    private readonly LoginFailureKeyNames _names = new(keyPrefix);

    private readonly RedisOutage _outage = new();

    public async ValueTask<LoginFailureCounts> ReadAsync(LoginFailureKeys keys, CancellationToken cancellationToken)
    {
        var parameters = new { username = _names.Username(keys), address = _names.Address(keys) };
        try
        {
            return Recovered(await connection.EvaluateAsync("LoginFailures.Read", LoginFailureScripts.Read, parameters, cancellationToken).ConfigureAwait(false));
        }
        catch (RedisCredentialStoreException exception)
        {
            FellBack(exception);
            return await fallback.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<LoginFailureCounts> RecordFailureAsync(LoginFailureKeys keys, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var parameters = new
        {
            username = _names.Username(keys),
            address = _names.Address(keys),
            windowMs = (long)Math.Ceiling(window.TotalMilliseconds),
        };
        try
        {
            return Recovered(await connection.EvaluateAsync("LoginFailures.Record", LoginFailureScripts.Record, parameters, cancellationToken).ConfigureAwait(false));
        }
        catch (RedisCredentialStoreException exception)
        {
            FellBack(exception);
            return await fallback.RecordFailureAsync(keys, window, cancellationToken).ConfigureAwait(false);
        }
    }

    private LoginFailureCounts Recovered(RedisResult result)
    {
        if (_outage.Ended())
        {
            RedisLoginFailureLog.Recovered(logger);
        }

        var values = (long[])result!;
        return new LoginFailureCounts(Count(values[0], values[1]), Count(values[2], values[3]));
    }

    private void FellBack(RedisCredentialStoreException exception)
    {
        if (_outage.Began())
        {
            RedisLoginFailureLog.FellBack(logger, exception);
        }
    }

    private static LoginFailureCount Count(long failures, long millisecondsLeft) =>
        failures > 0 && millisecondsLeft > 0 ? new LoginFailureCount(failures, TimeSpan.FromMilliseconds(millisecondsLeft)) : default;
}
