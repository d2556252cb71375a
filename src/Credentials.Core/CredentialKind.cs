namespace Credentials;

/// <summary>The kinds of credential the library issues and verifies.</summary>
public enum CredentialKind
{
    /// <summary>A prefixed, long-lived API key (<c>cc_live_…</c>).</summary>
    ApiKey = 1,

    /// <summary>A short-lived, single-active web token (40 lowercase hex by default).</summary>
    WebToken = 2,

    /// <summary>A signed JSON Web Token issued at login.</summary>
    Jwt = 3,

    /// <summary>A username and password.</summary>
    Password = 4,
}
