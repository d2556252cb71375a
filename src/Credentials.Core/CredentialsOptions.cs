using Credentials.ApiKeys;
using Credentials.Jwt;
using Credentials.Secrets;
using Credentials.Sessions;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.Extensions.Options;

namespace Credentials;

/// <summary>
/// Every setting of the library, one section per primitive (as ASP.NET Core Identity's <c>IdentityOptions</c>).
/// Set them in <c>AddCredentials(options => ...)</c> or bind them from configuration with
/// <c>AddCredentials(configuration.GetSection("Credentials"))</c>; they are validated when the host starts, with
/// messages that name the setting to change.
/// </summary>
public sealed class CredentialsOptions
{
    /// <summary>How API keys and web tokens are hashed for storage (optional server-side pepper).</summary>
    [ValidateObjectMembers(typeof(SecretHashingOptionsValidator))]
    public SecretHashingOptions Hashing { get; } = new();

    /// <summary>API key format, validation limits, last-used tracking and the verification cache.</summary>
    [ValidateObjectMembers(typeof(ApiKeyOptionsValidator))]
    public ApiKeyOptions ApiKeys { get; } = new();

    /// <summary>Web token length and lifetime.</summary>
    [ValidateObjectMembers(typeof(WebTokenOptionsValidator))]
    public WebTokenOptions WebTokens { get; } = new();

    /// <summary>Password hashing cost and limits.</summary>
    [ValidateObjectMembers]
    public PasswordHashingOptions Passwords { get; } = new();

    /// <summary>JWT issuer, audience, lifetime and signing keys.</summary>
    [ValidateObjectMembers(typeof(JwtOptionsValidator))]
    public JwtOptions Jwt { get; } = new();

    /// <summary>Login sessions: how often an instance re-reads them, and opt-in refresh tokens.</summary>
    [ValidateObjectMembers(typeof(SessionOptionsValidator))]
    public SessionOptions Sessions { get; } = new();
}
