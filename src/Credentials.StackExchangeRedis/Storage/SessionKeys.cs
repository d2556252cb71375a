using Credentials.Sessions;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// The session key layout under a prefix: <c>se:s:{id}</c> is a session's hash (user, created, expires, ended, rh: the
/// current refresh hash, rp: its pepper), <c>se:r:{hex hash}</c> names the session of every refresh hash it ever had,
/// <c>se:u:{user}</c> is the set of a user's session ids, and the sorted set <c>se:expiries</c> each session's expiry.
/// </summary>
internal sealed class SessionKeys(string prefix)
{
    /// <summary>The longest user id a key holds: what the session service accepts.</summary>
    public const int MaxUserIdLength = 255;

    public string SessionPrefix { get; } = prefix + "se:s:";

    public string RefreshPrefix { get; } = prefix + "se:r:";

    public string UserPrefix { get; } = prefix + "se:u:";

    public RedisKey Expiries { get; } = prefix + "se:expiries";

    public RedisKey Session(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (sessionId.Length > Sessions.Session.MaxIdLength)
        {
            throw new ArgumentException($"A session id is at most {Sessions.Session.MaxIdLength} characters.", nameof(sessionId));
        }

        return SessionPrefix + sessionId;
    }

    public RedisKey User(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (userId.Length > MaxUserIdLength)
        {
            throw new ArgumentException($"A user id is at most {MaxUserIdLength} characters.", nameof(userId));
        }

        return UserPrefix + userId;
    }

    public RedisKey Refresh(string hashHex) => RefreshPrefix + hashHex;
}
