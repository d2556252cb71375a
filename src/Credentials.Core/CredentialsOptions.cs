using Credentials.ApiKeys;
using Credentials.Jwt;
using Credentials.Secrets;
using Credentials.Users;
using Credentials.WebTokens;

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
    public SecretHashingOptions Hashing { get; } = new();

    /// <summary>API key format, validation limits and last-used tracking.</summary>
    public ApiKeyOptions ApiKeys { get; } = new();

    /// <summary>Web token length and lifetime.</summary>
    public WebTokenOptions WebTokens { get; } = new();

    /// <summary>Password hashing cost and limits.</summary>
    public PasswordHashingOptions Passwords { get; } = new();

    /// <summary>JWT issuer, audience, lifetime and signing keys.</summary>
    public JwtOptions Jwt { get; } = new();
}
