using System.Diagnostics.CodeAnalysis;

namespace Credentials.WebTokens;

/// <summary>
/// The outcome of <see cref="IWebTokenService.ValidateAsync"/>: the token's subject and expiry, or why it was refused.
/// The factories are public because a host may register its own <see cref="IWebTokenService"/>.
/// </summary>
public sealed class WebTokenValidationResult
{
    private static readonly FailedResults<WebTokenValidationFailure, WebTokenValidationResult> Failures = new(f => new(null, default, f));

    private WebTokenValidationResult(string? subject, DateTimeOffset expiresAt, WebTokenValidationFailure? failure)
    {
        Subject = subject;
        ExpiresAt = expiresAt;
        Failure = failure;
    }

    /// <summary>True when the token is its subject's current, unexpired token; <see cref="Subject"/> is then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Subject))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the token was refused; null when it was accepted.</summary>
    public WebTokenValidationFailure? Failure { get; }

    /// <summary>Whose token it is, when <see cref="Succeeded"/>.</summary>
    public string? Subject { get; }

    /// <summary>When the token stops working, when <see cref="Succeeded"/>; otherwise the default value.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>An accepted token.</summary>
    /// <param name="subject">Whose token it is.</param>
    /// <param name="expiresAt">When the token stops working.</param>
    public static WebTokenValidationResult Success(string subject, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new WebTokenValidationResult(subject, expiresAt, null);
    }

    /// <summary>A refused token. Refusals carry no data, so one shared instance per reason is returned.</summary>
    /// <param name="failure">Why the token was refused.</param>
    public static WebTokenValidationResult Failed(WebTokenValidationFailure failure) => Failures[failure];

    /// <summary>The failure, or the subject and expiry; a result never holds the token.</summary>
    public override string ToString() => Succeeded
        ? $"WebTokenValidationResult {{ Succeeded = True, Subject = {Subject}, ExpiresAt = {ExpiresAt:O} }}"
        : $"WebTokenValidationResult {{ Failure = {Failure} }}";
}
