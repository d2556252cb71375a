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
}
