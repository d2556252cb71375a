using System.Diagnostics.CodeAnalysis;

namespace Credentials.WebTokens;

/// <summary>Why a presented web token was refused.</summary>
public enum WebTokenRejection
{
    /// <summary>Missing, wrong length or not lowercase hex: rejected before any hashing or store call.</summary>
    Malformed = 1,

    /// <summary>Never issued, revoked, purged, or superseded by a newer token for the same subject.</summary>
    Unknown = 2,

    /// <summary>The subject's current token, but past its expiry.</summary>
    Expired = 3,
}

/// <summary>The outcome of <see cref="IWebTokenService.ValidateAsync"/>: the token's subject and expiry, or a rejection.</summary>
public sealed class WebTokenValidationResult
{
    private static readonly WebTokenValidationResult MalformedResult = new(null, default, WebTokenRejection.Malformed);
    private static readonly WebTokenValidationResult UnknownResult = new(null, default, WebTokenRejection.Unknown);
    private static readonly WebTokenValidationResult ExpiredResult = new(null, default, WebTokenRejection.Expired);

    private WebTokenValidationResult(string? subject, DateTimeOffset expiresAt, WebTokenRejection? rejection)
    {
        Subject = subject;
        ExpiresAt = expiresAt;
        Rejection = rejection;
    }

    /// <summary>True when the token is its subject's current, unexpired token; <see cref="Subject"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Subject))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool Succeeded => Subject is not null;

    /// <summary>Whose token it is, when <see cref="Succeeded"/>.</summary>
    public string? Subject { get; }

    /// <summary>When the token stops working, when <see cref="Succeeded"/>; otherwise the default value.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Why the token was refused, when it was.</summary>
    public WebTokenRejection? Rejection { get; }

    /// <summary>An accepted token.</summary>
    public static WebTokenValidationResult Success(string subject, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new WebTokenValidationResult(subject, expiresAt, null);
    }

    /// <summary>A refused token. Rejections carry no data, so one shared instance per reason is returned.</summary>
    public static WebTokenValidationResult Rejected(WebTokenRejection rejection) => rejection switch
    {
        WebTokenRejection.Malformed => MalformedResult,
        WebTokenRejection.Unknown => UnknownResult,
        WebTokenRejection.Expired => ExpiredResult,
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, "Not a web token rejection."),
    };
}
