using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Login;

/// <summary>
/// The failed-login counter's steps, each one Lua script over the username's and the address's key, run atomically by
/// Redis. Both answer <c>{username failures, its window's milliseconds left, address failures, its milliseconds left}</c>.
/// Windows are measured by the server's clock (key TTLs), so instances whose clocks differ still agree.
/// </summary>
internal static class LoginFailureScripts
{
    /// <summary>
    /// Counts one failure under each key. A key with no running window (a new key: INCR made it 1) starts one;
    /// a running window is never extended, so a key is free again at most a window after its first failure.
    /// </summary>
    public static readonly LuaScript Record = LuaScript.Prepare("""
        local function count(key)
          local failures = redis.call('INCR', key)
          local left = redis.call('PTTL', key)
          if left < 0 then
            redis.call('PEXPIRE', key, @windowMs)
            left = tonumber(@windowMs)
          end
          return {failures, left}
        end
        local username = count(@username)
        local address = count(@address)
        return {username[1], username[2], address[1], address[2]}
        """);

    /// <summary>Reads each key's failures and its window's milliseconds left; zeros for a key with no running window.</summary>
    public static readonly LuaScript Read = LuaScript.Prepare("""
        local function read(key)
          local failures = redis.call('GET', key)
          if not failures then
            return {0, 0}
          end
          return {tonumber(failures), redis.call('PTTL', key)}
        end
        local username = read(@username)
        local address = read(@address)
        return {username[1], username[2], address[1], address[2]}
        """);
}
