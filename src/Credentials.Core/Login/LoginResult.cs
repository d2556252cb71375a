using System.Diagnostics.CodeAnalysis;
using Credentials.Users;

namespace Credentials.Login;

/// <summary>
/// The outcome of a login: <c>{username, token, expiresAt}</c>, or a failure reason. <see cref="ToString"/> leaves
/// the token out. The factories are public because a host may register its own <see cref="ILoginService"/>.
/// </summary>
public sealed class LoginResult
{
    private static readonly FailedResults<UserAuthenticationFailure, LoginResult> Failures = new(f => new(null, null, DateTimeOffset.MinValue, null, null, f));

    private LoginResult(string? username, string? token, DateTimeOffset expiresAt, string? sessionId, string? refreshToken, UserAuthenticationFailure? failure)
    {
        Username = username;
        Token = token;
        ExpiresAt = expiresAt;
        SessionId = sessionId;
        RefreshToken = refreshToken;
        Failure = failure;
    }

    /// <summary>True when the user logged in; <see cref="Username"/> and <see cref="Token"/> are then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Username), nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the login was refused; null when it succeeded. Show every reason the same way to the caller.</summary>
    public UserAuthenticationFailure? Failure { get; }

    /// <summary>The name the user logged in with.</summary>
    public string? Username { get; }

    /// <summary>The JWT: a bearer credential, to be sent to the client and nowhere else.</summary>
    public string? Token { get; }

    /// <summary>When <see cref="Token"/> expires; <see cref="DateTimeOffset.MinValue"/> for a refused login.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The session the login opened (the JWT's <c>sid</c>); null when a host's own login service opened none.</summary>
    public string? SessionId { get; }

    /// <summary>The session's first refresh token when refresh tokens are on (<c>Sessions:EnableRefreshTokens</c>); a bearer secret like the token.</summary>
    public string? RefreshToken { get; }

    /// <summary>A successful login.</summary>
    /// <param name="username">The name the user logged in with.</param>
    /// <param name="token">The JWT issued.</param>
    /// <param name="expiresAt">When the JWT expires.</param>
    public static LoginResult Success(string username, string token, DateTimeOffset expiresAt) =>
        Success(username, token, expiresAt, sessionId: null, refreshToken: null);

    /// <summary>A successful login that opened a session.</summary>
    /// <param name="username">The name the user logged in with.</param>
    /// <param name="token">The JWT issued.</param>
    /// <param name="expiresAt">When the JWT expires.</param>
    /// <param name="sessionId">The session the login opened, or null.</param>
    /// <param name="refreshToken">The session's first refresh token, or null when refresh tokens are off.</param>
    /// <returns>A successful result.</returns>
    public static LoginResult Success(string username, string token, DateTimeOffset expiresAt, string? sessionId, string? refreshToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new LoginResult(username, token, expiresAt, sessionId, refreshToken, null);
    }

    /// <summary>A refused login. Refusals carry no data, so one shared instance per reason is returned.</summary>
    /// <param name="failure">Why the login was refused.</param>
    public static LoginResult Failed(UserAuthenticationFailure failure) => Failures[failure];

    /// <summary>The outcome without the token.</summary>
    public override string ToString() => Succeeded
        ? $"LoginResult {{ Succeeded = True, Username = {Username}, Token = (redacted), SessionId = {SessionId}, ExpiresAt = {ExpiresAt:O} }}"
        : $"LoginResult {{ Failure = {Failure} }}";
}
