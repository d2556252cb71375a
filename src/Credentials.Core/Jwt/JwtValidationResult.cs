using System.Diagnostics.CodeAnalysis;

namespace Credentials.Jwt;

/// <summary>The outcome of <see cref="IJwtValidator.Validate"/>: the token's claims, or why it was rejected.</summary>
public sealed class JwtValidationResult
{
    private static readonly JwtValidationResult[] Failures =
        [.. Enum.GetValues<JwtValidationFailure>().Select(f => new JwtValidationResult(null, f))];

    private JwtValidationResult(ValidatedJwt? token, JwtValidationFailure? failure)
    {
        Token = token;
        Failure = failure;
    }

    /// <summary>True when the token is valid; <see cref="Token"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Token is not null;

    /// <summary>The validated claims, when <see cref="Succeeded"/>.</summary>
    public ValidatedJwt? Token { get; }

    /// <summary>Why the token was rejected, when it was.</summary>
    public JwtValidationFailure? Failure { get; }

    /// <summary>A valid token.</summary>
    public static JwtValidationResult Success(ValidatedJwt token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new JwtValidationResult(token, null);
    }

    /// <summary>A rejected token. Results for a reason are shared instances: rejecting allocates nothing.</summary>
    public static JwtValidationResult Failed(JwtValidationFailure failure) =>
        (int)failure is > 0 and var i && i <= Failures.Length ? Failures[i - 1] : new JwtValidationResult(null, failure);
}
