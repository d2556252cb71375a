namespace Credentials.Jwt;

/// <summary>JWT issuer, audience, lifetime and signing keys.</summary>
public sealed class JwtOptions
{
}
