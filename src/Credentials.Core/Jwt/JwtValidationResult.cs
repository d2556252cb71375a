using System.Diagnostics.CodeAnalysis;

namespace Credentials.Jwt;

/// <summary>
/// The outcome of <see cref="IJwtValidator.Validate"/>: the token's claims, or why it was rejected. The factories are
/// public because a host may register its own <see cref="IJwtValidator"/>.
/// </summary>
public sealed class JwtValidationResult
{
    private static readonly FailedResults<JwtValidationFailure, JwtValidationResult> Failures = new(f => new(null, f));

    private JwtValidationResult(ValidatedJwt? token, JwtValidationFailure? failure)
    {
        Token = token;
        Failure = failure;
    }

    /// <summary>True when the token is valid; <see cref="Token"/> is then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the token was rejected; null when it is valid.</summary>
    public JwtValidationFailure? Failure { get; }

    /// <summary>The validated claims, when <see cref="Succeeded"/>.</summary>
    public ValidatedJwt? Token { get; }

    /// <summary>A valid token.</summary>
    /// <param name="token">The validated claims.</param>
    public static JwtValidationResult Success(ValidatedJwt token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new JwtValidationResult(token, null);
    }

    /// <summary>A rejected token. Results for a reason are shared instances: rejecting allocates nothing.</summary>
    /// <param name="failure">Why the token was rejected.</param>
    public static JwtValidationResult Failed(JwtValidationFailure failure) => Failures[failure];

    /// <summary>The failure, or the signing key id and expiry; a result never holds the token.</summary>
    public override string ToString() => Succeeded
        ? $"JwtValidationResult {{ Succeeded = True, KeyId = {Token.KeyId}, ExpiresAt = {Token.ExpiresAt:O} }}"
        : $"JwtValidationResult {{ Failure = {Failure} }}";
}
