using Credentials.Jwt;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The JWT that authenticated the request, as the handler validated it (and found its session open). Kept as a request
/// feature, not rebuilt from claims, so logout ends only a session a validated token of ours named.
/// </summary>
internal sealed class ValidatedJwtFeature(ValidatedJwt token)
{
    public ValidatedJwt Token { get; } = token;
}
