namespace Credentials.ApiKeys;

/// <summary>How an accepted API key was presented; it bounds what the request may do beyond ordinary calls.</summary>
public enum ApiKeyPresentation
{
    /// <summary>The key's current secret: everything the key's permissions allow.</summary>
    CurrentSecret = 1,

    /// <summary>
    /// A secret rolled away but still inside its grace period: ordinary requests only, never key management and never
    /// a web token (which would outlive the grace).
    /// </summary>
    GraceSecret = 2,

    /// <summary>A web token issued to the key: ordinary requests only, never key management.</summary>
    WebToken = 3,
}
