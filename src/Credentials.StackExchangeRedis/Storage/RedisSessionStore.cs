using System.Globalization;
using Credentials.Secrets;
using Credentials.Sessions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// <see cref="ISessionStore"/> on Redis, shared by every instance that uses the same server and key prefix. Each method
/// is one Lua script, so a rotation's check and change (and two refreshes racing with one token) are one atomic step.
/// A session's keys expire <see cref="RedisCredentialsOptions.ExpiredTokenRetention"/> after the session does;
/// <see cref="PurgeExpiredAsync"/> only drops them sooner.
/// </summary>
internal sealed class RedisSessionStore : ISessionStore
{
    private const int PurgeBatchSize = 1000;

    private readonly RedisConnection _connection;
    private readonly TimeProvider _time;
    private readonly SessionKeys _keys;
    private readonly TimeSpan _retention;

    public RedisSessionStore(RedisConnection connection, IOptions<RedisCredentialsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _time = time;
        _keys = new SessionKeys(options.Value.KeyPrefix);
        _retention = options.Value.ExpiredTokenRetention;
    }

    public async ValueTask CreateAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var refreshHash = session.RefreshTokenHash is { } hash ? WebTokenKeys.Hex(hash) : string.Empty;
        var created = await EvaluateAsync("Sessions.Create", SessionScripts.Create, new
        {
            session = _keys.Session(session.Id),
            userSet = _keys.User(session.UserId),
            refresh = _keys.Refresh(refreshHash),
            expiries = _keys.Expiries,
            id = session.Id,
            user = session.UserId,
            created = session.CreatedAt.UtcTicks,
            expires = session.ExpiresAt.UtcTicks,
            hasRefresh = session.RefreshTokenHash is null ? 0 : 1,
            refreshHash,
            hasPepper = session.RefreshTokenPepperId is null ? 0 : 1,
            pepper = session.RefreshTokenPepperId ?? string.Empty,
            hasStamp = session.SecurityStampHash is null ? 0 : 1,
            stampHash = session.SecurityStampHash is { } stamp ? WebTokenKeys.Hex(stamp) : string.Empty,
            ttl = TimeToLive(session.ExpiresAt),
            expiresMs = session.ExpiresAt.ToUnixTimeMilliseconds(),
        }, cancellationToken).ConfigureAwait(false);
        if ((int)created == 0)
        {
            throw new InvalidOperationException("A session with this id exists already.");
        }
    }

    public async ValueTask<Session?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync("Sessions.Find", SessionScripts.Find, new { session = _keys.Session(sessionId) }, cancellationToken).ConfigureAwait(false);
        return result.IsNull ? null : Read(sessionId, (RedisResult[])result!, 0);
    }

    public async ValueTask<Session?> FindByRefreshTokenAsync(SecretHash hash, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync("Sessions.FindByRefreshToken", SessionScripts.FindByRefresh, new
        {
            refresh = _keys.Refresh(WebTokenKeys.Hex(hash)),
            sessionPrefix = _keys.SessionPrefix,
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var fields = (RedisResult[])result!;
        return Read((string)fields[0]!, fields, 1);
    }

    public async ValueTask<bool> RotateRefreshTokenAsync(
        string sessionId, SecretHash current, SecretHash replacement, string? replacementPepperId, CancellationToken cancellationToken)
    {
        var replacementHex = WebTokenKeys.Hex(replacement);
        var result = await EvaluateAsync("Sessions.RotateRefreshToken", SessionScripts.Rotate, new
        {
            session = _keys.Session(sessionId),
            refresh = _keys.Refresh(replacementHex),
            id = sessionId,
            current = WebTokenKeys.Hex(current),
            replacement = replacementHex,
            hasPepper = replacementPepperId is null ? 0 : 1,
            pepper = replacementPepperId ?? string.Empty,
        }, cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async ValueTask<bool> EndAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync("Sessions.End", SessionScripts.End, new
        {
            session = _keys.Session(sessionId),
            ended = endedAt.UtcTicks,
        }, cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async ValueTask<int> EndAllAsync(string userId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync("Sessions.EndAll", SessionScripts.EndAll, new
        {
            userSet = _keys.User(userId),
            sessionPrefix = _keys.SessionPrefix,
            ended = endedAt.UtcTicks,
        }, cancellationToken).ConfigureAwait(false);
        return (int)result;
    }

    /// <remarks>Each batch of sessions is one atomic step; a purge of more than a batch takes several.</remarks>
    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var result = await EvaluateAsync("Sessions.PurgeExpired", SessionScripts.PurgeBatch, new
            {
                expiries = _keys.Expiries,
                sessionPrefix = _keys.SessionPrefix,
                refreshPrefix = _keys.RefreshPrefix,
                userPrefix = _keys.UserPrefix,
                nowMs = cutoff.ToUnixTimeMilliseconds(),
                batch = PurgeBatchSize,
            }, cancellationToken).ConfigureAwait(false);
            var counts = (RedisResult[])result!;
            purged += (int)counts[0];
            if ((int)counts[1] < PurgeBatchSize)
            {
                return purged;
            }
        }
    }

    /// <summary>Until the session's expiry plus the retention; a session already past it lives a millisecond.</summary>
    private long TimeToLive(DateTimeOffset expiresAt) =>
        Math.Max(1, (long)Math.Ceiling((expiresAt + _retention - _time.GetUtcNow()).TotalMilliseconds));

    /// <summary>Reads the fields user, created, expires, ended, rh, rp, ss starting at <paramref name="offset"/>.</summary>
    private static Session Read(string sessionId, RedisResult[] fields, int offset) => new()
    {
        Id = sessionId,
        UserId = (string)fields[offset]!,
        CreatedAt = Ticks(fields[offset + 1])!.Value,
        ExpiresAt = Ticks(fields[offset + 2])!.Value,
        EndedAt = Ticks(fields[offset + 3]),
        RefreshTokenHash = fields[offset + 4].IsNull ? null : SecretHash.FromBytes(Convert.FromHexString((string)fields[offset + 4]!)),
        RefreshTokenPepperId = fields[offset + 4].IsNull ? null : (string?)fields[offset + 5],
        SecurityStampHash = fields[offset + 6].IsNull ? null : SecretHash.FromBytes(Convert.FromHexString((string)fields[offset + 6]!)),
    };

    private static DateTimeOffset? Ticks(RedisResult field) =>
        field.IsNull ? null : new DateTimeOffset(long.Parse((string)field!, NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    private async ValueTask<RedisResult> EvaluateAsync(string operation, LuaScript script, object parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            return await script.EvaluateAsync(database, parameters).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            throw new RedisCredentialStoreException($"Redis did not complete {operation}.", exception);
        }
    }
}
