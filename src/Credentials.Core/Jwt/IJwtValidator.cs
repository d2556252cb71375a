namespace Credentials.Jwt;

/// <summary>Validates JWTs issued under the configured issuer, audience and key ring.</summary>
public interface IJwtValidator
{
    /// <summary>
    /// Validates <paramref name="token"/> (the compact JWS, without a <c>Bearer</c> prefix). Never throws for a bad
    /// token: every failure is a <see cref="JwtValidationResult.Failure"/> reason.
    /// </summary>
    JwtValidationResult Validate(string? token);
}
