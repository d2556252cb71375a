using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// The session store's steps, each one Lua script that Redis runs atomically (see <see cref="WebTokenScripts"/> for how
/// they are sent). A session's keys live until its expiry plus the retention; instants are UTC ticks in the hash and
/// Unix milliseconds in the expiry set.
/// </summary>
internal static class SessionScripts
{
    /// <summary>Stores a new session, its refresh hash's index entry, its place in the user's set and in the expiry set; 0 if the id exists.</summary>
    public static readonly LuaScript Create = LuaScript.Prepare("""
        if redis.call('EXISTS', @session) == 1 then
          return 0
        end
        redis.call('HSET', @session, 'user', @user, 'created', @created, 'expires', @expires)
        if @hasRefresh == '1' then
          redis.call('HSET', @session, 'rh', @refreshHash)
          if @hasPepper == '1' then
            redis.call('HSET', @session, 'rp', @pepper)
          end
          redis.call('SET', @refresh, @id, 'PX', @ttl)
        end
        if @hasStamp == '1' then
          redis.call('HSET', @session, 'ss', @stampHash)
        end
        redis.call('PEXPIRE', @session, @ttl)
        redis.call('SADD', @userSet, @id)
        if redis.call('PTTL', @userSet) < tonumber(@ttl) then
          redis.call('PEXPIRE', @userSet, @ttl)
        end
        redis.call('ZADD', @expiries, @expiresMs, @id)
        return 1
        """);

    /// <summary>The session's fields (user, created, expires, ended, rh, rp, ss), or nil.</summary>
    public static readonly LuaScript Find = LuaScript.Prepare("""
        local fields = redis.call('HMGET', @session, 'user', 'created', 'expires', 'ended', 'rh', 'rp', 'ss')
        if not fields[1] then
          return false
        end
        return fields
        """);

    /// <summary>The id and fields of the session that ever had this refresh hash, or nil.</summary>
    public static readonly LuaScript FindByRefresh = LuaScript.Prepare("""
        local id = redis.call('GET', @refresh)
        if not id then
          return false
        end
        local fields = redis.call('HMGET', @sessionPrefix .. id, 'user', 'created', 'expires', 'ended', 'rh', 'rp', 'ss')
        if not fields[1] then
          return false
        end
        table.insert(fields, 1, id)
        return fields
        """);

    /// <summary>Replaces the current refresh hash only while the session is open and holds @current; indexes the new one. 1 when rotated.</summary>
    public static readonly LuaScript Rotate = LuaScript.Prepare("""
        local fields = redis.call('HMGET', @session, 'user', 'ended', 'rh')
        if not fields[1] or fields[2] or fields[3] ~= @current then
          return 0
        end
        redis.call('HSET', @session, 'rh', @replacement)
        if @hasPepper == '1' then
          redis.call('HSET', @session, 'rp', @pepper)
        else
          redis.call('HDEL', @session, 'rp')
        end
        redis.call('SET', @refresh, @id, 'PX', math.max(1, redis.call('PTTL', @session)))
        return 1
        """);

    /// <summary>Marks the session ended; 1 when it was open.</summary>
    public static readonly LuaScript End = LuaScript.Prepare("""
        if redis.call('EXISTS', @session) == 0 or redis.call('HEXISTS', @session, 'ended') == 1 then
          return 0
        end
        redis.call('HSET', @session, 'ended', @ended)
        return 1
        """);

    /// <summary>Marks every open session in the user's set ended, dropping ids whose session is gone; returns how many it ended.</summary>
    public static readonly LuaScript EndAll = LuaScript.Prepare("""
        local ended = 0
        for _, id in ipairs(redis.call('SMEMBERS', @userSet)) do
          local key = @sessionPrefix .. id
          if redis.call('EXISTS', key) == 0 then
            redis.call('SREM', @userSet, id)
          elseif redis.call('HEXISTS', key, 'ended') == 0 then
            redis.call('HSET', key, 'ended', @ended)
            ended = ended + 1
          end
        end
        return ended
        """);

    /// <summary>
    /// Deletes up to a batch of sessions that expired at or before now, with their current refresh hash's entry and their
    /// place in the user's set; returns {sessions deleted, ids visited}. Spent refresh entries find nothing once their
    /// session is gone and expire by themselves.
    /// </summary>
    public static readonly LuaScript PurgeBatch = LuaScript.Prepare("""
        local ids = redis.call('ZRANGEBYSCORE', @expiries, '-inf', @nowMs, 'LIMIT', 0, @batch)
        local purged = 0
        for _, id in ipairs(ids) do
          local key = @sessionPrefix .. id
          local fields = redis.call('HMGET', key, 'user', 'rh')
          if fields[1] then
            redis.call('SREM', @userPrefix .. fields[1], id)
            if fields[2] then
              redis.call('DEL', @refreshPrefix .. fields[2])
            end
            redis.call('DEL', key)
            purged = purged + 1
          end
          redis.call('ZREM', @expiries, id)
        end
        return {purged, #ids}
        """);
}
