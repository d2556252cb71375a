namespace Credentials.Jwt;

/// <summary>Where a signing key is in its life: published before it signs, and kept after it signs until its tokens expire.</summary>
public enum JwtKeyState
{
    /// <summary>Published in the JWKS and accepted, but not yet signing: caches learn it before tokens carry it.</summary>
    Pending = 1,

    /// <summary>Signs new tokens (exactly one key is active) and validates.</summary>
    Active = 2,

    /// <summary>No longer signs; validates the tokens it signed until its retirement instant, then counts as retired.</summary>
    Retiring = 3,

    /// <summary>Neither signs nor validates, and is not published.</summary>
    Retired = 4,
}
