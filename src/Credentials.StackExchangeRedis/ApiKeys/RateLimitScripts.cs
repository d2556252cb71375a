namespace Credentials.StackExchangeRedis.ApiKeys;

/// <summary>
/// The rate-limit step, one Lua script run atomically by Redis over one key per limit, each naming its window (so a
/// window's counter is a key of its own and dies with its TTL). Mirrors the in-process counter: limits in order, a
/// limit that is full refuses without counting, and the limits before it keep the request.
/// </summary>
internal static class RateLimitScripts
{
    /// <summary>
    /// <c>KEYS[i]</c>: limit i's counter in the current window; <c>ARGV[2i-1]</c>: its limit; <c>ARGV[2i]</c>: the
    /// milliseconds its key lives (the window's rest, plus the clock tolerance). Answers
    /// <c>{refused limit's position or 0, used count of each limit taken or refused}</c>. A new counter gets its TTL
    /// once, so a running window is never extended.
    /// </summary>
    public const string Acquire = """
        local used = {}
        for i = 1, #KEYS do
          local limit = tonumber(ARGV[2 * i - 1])
          local count = tonumber(redis.call('GET', KEYS[i]) or '0')
          if count >= limit then
            used[i] = count
            table.insert(used, 1, i)
            return used
          end
          count = redis.call('INCR', KEYS[i])
          if count == 1 then
            redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
          end
          used[i] = count
        end
        table.insert(used, 1, 0)
        return used
        """;
}
