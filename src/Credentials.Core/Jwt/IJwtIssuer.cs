namespace Credentials.Jwt;

/// <summary>Issues JWTs for subjects (a logged-in user, for one), signed by the key ring's active key.</summary>
public interface IJwtIssuer
{
    /// <summary>
    /// Issues a token with <c>sub</c>, <c>name</c>, <c>email</c> (when known), <c>permissions</c>, <c>iss</c>,
    /// <c>aud</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>, a unique <c>jti</c> and, when the subject names one, <c>sid</c>; the header carries <c>kid</c> and <c>typ: JWT</c>.
    /// </summary>
    IssuedJwt Issue(JwtSubject subject);
}
