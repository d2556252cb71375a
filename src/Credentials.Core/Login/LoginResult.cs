using System.Diagnostics.CodeAnalysis;
using Credentials.Users;

namespace Credentials.Login;

/// <summary>
/// The outcome of a login: <c>{username, token, expiresAt}</c>, or a failure reason. <see cref="ToString"/> leaves
/// the token out.
/// </summary>
public sealed class LoginResult
{
    private LoginResult(string? username, string? token, DateTimeOffset expiresAt, UserAuthenticationFailure? failure)
    {
        Username = username;
        Token = token;
        ExpiresAt = expiresAt;
        Failure = failure;
    }

    /// <summary>True when the user logged in; <see cref="Username"/> and <see cref="Token"/> are then set.</summary>
    [MemberNotNullWhen(true, nameof(Username), nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Token is not null;

    /// <summary>The name the user logged in with.</summary>
    public string? Username { get; }

    /// <summary>The JWT: a bearer credential, to be sent to the client and nowhere else.</summary>
    public string? Token { get; }

    /// <summary>When <see cref="Token"/> expires; <see cref="DateTimeOffset.MinValue"/> for a refused login.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Why the login was refused. Show every reason the same way to the caller.</summary>
    public UserAuthenticationFailure? Failure { get; }

    /// <summary>A successful login.</summary>
    public static LoginResult Success(string username, string token, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new LoginResult(username, token, expiresAt, null);
    }

    /// <summary>A refused login.</summary>
    public static LoginResult Failed(UserAuthenticationFailure failure) => new(null, null, DateTimeOffset.MinValue, failure);

    /// <summary>The outcome without the token.</summary>
    public override string ToString() => Succeeded
        ? $"LoginResult {{ Username = {Username}, Token = (redacted), ExpiresAt = {ExpiresAt:O} }}"
        : $"LoginResult {{ Failure = {Failure} }}";
}
