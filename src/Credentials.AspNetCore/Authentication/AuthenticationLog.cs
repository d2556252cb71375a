using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Log messages of the authentication handler (event ids 6000-6099). Kinds and reasons only, never a credential, in the
/// words of <see cref="Credentials.Diagnostics.CredentialTags"/> (<c>api_key</c>, <c>expired</c>), as metrics use them.
/// </summary>
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "Request authenticated by {Kind} from {Transport}.")]
    public static partial void Authenticated(ILogger logger, string kind, CredentialTransport transport);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Credential rejected: {Kind} {Reason}.")]
    public static partial void Rejected(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Credential refused unread: {Reason}.")]
    public static partial void Unusable(ILogger logger, string reason);
}
