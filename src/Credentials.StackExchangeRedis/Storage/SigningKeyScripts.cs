using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// The signing-key store's steps, each one Lua script that Redis runs atomically (prepared, re-sent in full after
/// NOSCRIPT). Under a prefix, <c>sk:k:{generation}</c> is a key's hash (kid, alg, created, activates, key),
/// <c>sk:generations</c> a sorted set of the generations held (score = generation, so it lists in order) and
/// <c>sk:kids</c> maps each <c>kid</c> to its generation, so neither a generation nor a key is ever held twice.
/// </summary>
internal static class SigningKeyScripts
{
    /// <summary>Adds the key unless its generation or its kid is taken; 1 when added, 0 when not.</summary>
    public static readonly LuaScript TryAdd = LuaScript.Prepare("""
        if redis.call('ZSCORE', @generations, @generation) or redis.call('HEXISTS', @kids, @kid) == 1 then
          return 0
        end
        redis.call('HSET', @keyPrefix .. @generation, 'kid', @kid, 'alg', @alg, 'created', @created, 'activates', @activates, 'key', @key)
        redis.call('ZADD', @generations, @generation, @generation)
        redis.call('HSET', @kids, @kid, @generation)
        return 1
        """);

    /// <summary>Every key as {generation, kid, alg, created, activates, key}, in ascending generation: one consistent read.</summary>
    public static readonly LuaScript List = LuaScript.Prepare("""
        local keys = {}
        for _, generation in ipairs(redis.call('ZRANGE', @generations, 0, -1)) do
          local fields = redis.call('HMGET', @keyPrefix .. generation, 'kid', 'alg', 'created', 'activates', 'key')
          if fields[1] then
            keys[#keys + 1] = {generation, fields[1], fields[2], fields[3], fields[4], fields[5]}
          end
        end
        return keys
        """);

    /// <summary>Removes the generation's key, its place in the order and its kid; 1 when there was one.</summary>
    public static readonly LuaScript Delete = LuaScript.Prepare("""
        local kid = redis.call('HGET', @key, 'kid')
        redis.call('ZREM', @generations, @generation)
        if not kid then
          return 0
        end
        redis.call('DEL', @key)
        redis.call('HDEL', @kids, kid)
        return 1
        """);
}
