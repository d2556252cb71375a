namespace Credentials.Jwt;

/// <summary>The JWS algorithms the library signs and validates with (RFC 7518 section 3.1).</summary>
internal enum JwsAlgorithm
{
    HS256 = 1,
    ES256 = 2,
    RS256 = 3,
}
