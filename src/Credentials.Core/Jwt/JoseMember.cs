namespace Credentials.Jwt;

/// <summary>The header and claim members the validator reads; <see cref="Other"/> for the rest. Each is a bit of <see cref="JsonMemberSet"/>.</summary>
internal enum JoseMember
{
    Other = 0,
    Alg,
    Kid,
    Typ,
    Iss,
    Aud,
    Exp,
    Nbf,
    Iat,
    Sub,
    Name,
    Email,
    Jti,
    Permissions,
    Sid,
}
