using Credentials.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Diagnostics;

/// <summary>Log messages of the authentication handler (event ids 6000-6099). Reasons and kinds only, never a credential.</summary>
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "Request authenticated by {Kind} from {Transport}.")]
    public static partial void Authenticated(ILogger logger, CredentialKind kind, CredentialTransport transport);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Credential rejected: {Reason}.")]
    public static partial void Rejected(ILogger logger, string reason);
}
