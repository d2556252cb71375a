using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// The web-token store's steps, each one Lua script that Redis runs atomically. Prepared, not loaded: the client sends
/// each by its SHA-1 and falls back to the full text when the server answers NOSCRIPT, as it does after a restart.
/// Instants are UTC ticks in the index entry (exact) and Unix milliseconds in the expiry set (a score is a double).
/// </summary>
internal static class WebTokenScripts
{
    /// <summary>Points the slot at the new hash, writes its index entry and drops the previous token's, all with one TTL.</summary>
    public static readonly LuaScript Replace = LuaScript.Prepare("""
        -- Arguments arrive as strings, so the flag compares to '1'.
        local previous = redis.call('GET', @slot)
        if previous and previous ~= @hash then
          redis.call('DEL', @indexPrefix .. previous)
        end
        redis.call('DEL', @index)
        redis.call('HSET', @index, 'subject', @subject, 'issued', @issued, 'expires', @expires)
        if @hasPepper == '1' then
          redis.call('HSET', @index, 'pepper', @pepper)
        end
        redis.call('PEXPIRE', @index, @ttl)
        redis.call('SET', @slot, @hash, 'PX', @ttl)
        redis.call('ZADD', @expiries, @expiresMs, @subject)
        redis.call('ZREMRANGEBYSCORE', @expiries, '-inf', '(' .. @forgottenBeforeMs)
        """);

    /// <summary>The index entry's fields (subject, pepper, issued, expires), only while the subject's slot still points at it.</summary>
    public static readonly LuaScript Find = LuaScript.Prepare("""
        local entry = redis.call('HMGET', @index, 'subject', 'pepper', 'issued', 'expires')
        if not entry[1] or redis.call('GET', @slotPrefix .. entry[1]) ~= @hash then
          return false
        end
        return entry
        """);

    /// <summary>Drops the subject's slot and its token's index entry; 1 when there was a token.</summary>
    public static readonly LuaScript Revoke = LuaScript.Prepare("""
        local current = redis.call('GET', @slot)
        redis.call('ZREM', @expiries, @subject)
        if not current then
          return 0
        end
        redis.call('DEL', @slot, @indexPrefix .. current)
        return 1
        """);

    /// <summary>
    /// Drops up to a batch of subjects whose current token expired at or before now; returns {tokens dropped, subjects
    /// visited}. A subject's score is always its current token's expiry, so the set alone decides.
    /// </summary>
    public static readonly LuaScript PurgeBatch = LuaScript.Prepare("""
        local subjects = redis.call('ZRANGEBYSCORE', @expiries, '-inf', @nowMs, 'LIMIT', 0, @batch)
        local purged = 0
        for _, subject in ipairs(subjects) do
          local slot = @slotPrefix .. subject
          local current = redis.call('GET', slot)
          if current then
            redis.call('DEL', slot, @indexPrefix .. current)
            purged = purged + 1
          end
          redis.call('ZREM', @expiries, subject)
        end
        return {purged, #subjects}
        """);
}
