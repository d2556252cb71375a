using Microsoft.Extensions.Logging;

namespace Credentials.Jwt;

/// <summary>JWT log messages (event ids 4000-4999). Key ids and token ids only: never a token or key material.</summary>
internal static partial class JwtLog
{
    [LoggerMessage(4000, LogLevel.Warning, "JWTs are signed with a development key ({KeyId}) generated at start: tokens die with this process. Configure Credentials:Jwt:SigningKeys for production.")]
    public static partial void DevelopmentKeyInUse(ILogger logger, string keyId);

    [LoggerMessage(4001, LogLevel.Information, "JWT signing key {KeyId} ({Algorithm}) loaded as {State}.")]
    public static partial void KeyLoaded(ILogger logger, string keyId, string algorithm, JwtKeyState state);

    [LoggerMessage(4002, LogLevel.Information, "JWT signing key {KeyId} is now {State}.")]
    public static partial void KeyStateChanged(ILogger logger, string keyId, JwtKeyState state);

    [LoggerMessage(4003, LogLevel.Debug, "JWT {TokenId} issued under key {KeyId}.")]
    public static partial void TokenIssued(ILogger logger, string tokenId, string keyId);

    [LoggerMessage(4004, LogLevel.Debug, "JWT rejected: {Reason}.")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(4005, LogLevel.Information, "Managed JWT signing key {KeyId} (generation {Generation}) made; it signs from {ActivatesAt:O}.")]
    public static partial void ManagedKeyCreated(ILogger logger, string keyId, long generation, DateTimeOffset activatesAt);

    [LoggerMessage(4006, LogLevel.Information, "Managed JWT signing key {KeyId} (generation {Generation}) deleted: every token it signed has expired.")]
    public static partial void ManagedKeyDeleted(ILogger logger, string keyId, long generation);

    [LoggerMessage(4007, LogLevel.Debug, "Managed JWT signing key generation {Generation} was made by another instance first; using that one.")]
    public static partial void ManagedKeyMadeElsewhere(ILogger logger, long generation);

    [LoggerMessage(4008, LogLevel.Warning, "Managed JWT signing keys could not be reloaded; the keys loaded before stay in use.")]
    public static partial void ManagedKeysRefreshFailed(ILogger logger, Exception exception);
}
