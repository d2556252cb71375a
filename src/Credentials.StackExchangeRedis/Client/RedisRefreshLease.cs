using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Client;

/// <summary>
/// The refresh lock while this instance holds it. Released only by its owner: the lock may have expired and been
/// taken by another instance meanwhile, so the release compares the owner value and deletes in one Lua step.
/// </summary>
internal sealed class RedisRefreshLease(IDatabase database, RedisKey lockKey, RedisValue owner) : IAsyncDisposable
{
    private const string CompareAndDelete = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await database.ScriptEvaluateAsync(CompareAndDelete, [lockKey], [owner]).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            // The refresh itself is done; a lock left behind ends at its own TTL, so its holder's result stands.
        }
    }
}
