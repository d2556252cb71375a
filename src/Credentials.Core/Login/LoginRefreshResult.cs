using System.Diagnostics.CodeAnalysis;
using Credentials.Sessions;

namespace Credentials.Login;

/// <summary>
/// The outcome of <see cref="ILoginService.RefreshAsync"/>: a new JWT and the refresh token that replaces the one
/// spent, or why not. <see cref="ToString"/> leaves both tokens out. The factories are public because a host may
/// register its own <see cref="ILoginService"/>.
/// </summary>
public sealed class LoginRefreshResult
{
    private static readonly FailedResults<SessionRefreshFailure, LoginRefreshResult> Failures = new(f => new(null, null, DateTimeOffset.MinValue, null, f));

    private LoginRefreshResult(string? username, string? token, DateTimeOffset expiresAt, string? refreshToken, SessionRefreshFailure? failure)
    {
        Username = username;
        Token = token;
        ExpiresAt = expiresAt;
        RefreshToken = refreshToken;
        Failure = failure;
    }

    /// <summary>True when the refresh token was spent for new tokens; <see cref="Username"/>, <see cref="Token"/> and <see cref="RefreshToken"/> are then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Username), nameof(Token), nameof(RefreshToken))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the refresh was refused; null when it succeeded. Answer every reason the same way to the caller.</summary>
    public SessionRefreshFailure? Failure { get; }

    /// <summary>The user's current name.</summary>
    public string? Username { get; }

    /// <summary>The new JWT, with the user's current claims and the same session.</summary>
    public string? Token { get; }

    /// <summary>When <see cref="Token"/> expires; <see cref="DateTimeOffset.MinValue"/> for a refused refresh.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The refresh token to present next time; the one presented is spent.</summary>
    public string? RefreshToken { get; }

    /// <summary>A successful refresh.</summary>
    /// <param name="username">The user's current name.</param>
    /// <param name="token">The JWT issued.</param>
    /// <param name="expiresAt">When the JWT expires.</param>
    /// <param name="refreshToken">The next refresh token.</param>
    /// <returns>A successful result.</returns>
    public static LoginRefreshResult Success(string username, string token, DateTimeOffset expiresAt, string refreshToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return new LoginRefreshResult(username, token, expiresAt, refreshToken, null);
    }

    /// <summary>A refused refresh; one shared instance per reason.</summary>
    /// <param name="failure">Why it was refused.</param>
    /// <returns>A failed result.</returns>
    public static LoginRefreshResult Failed(SessionRefreshFailure failure) => Failures[failure];

    /// <summary>The outcome without the tokens.</summary>
    /// <returns><c>{ Succeeded = True, Username = …, Token = (redacted), … }</c> or <c>{ Failure = … }</c>.</returns>
    public override string ToString() => Succeeded
        ? $"LoginRefreshResult {{ Succeeded = True, Username = {Username}, Token = (redacted), RefreshToken = (redacted), ExpiresAt = {ExpiresAt:O} }}"
        : $"LoginRefreshResult {{ Failure = {Failure} }}";
}
