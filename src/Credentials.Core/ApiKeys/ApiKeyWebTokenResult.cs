using System.Diagnostics.CodeAnalysis;
using Credentials.WebTokens;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.IssueWebTokenAsync"/>: the key's new web token, or why none was issued.</summary>
public sealed class ApiKeyWebTokenResult
{
    private static readonly FailedResults<ApiKeyWebTokenFailure, ApiKeyWebTokenResult> Failures = new(f => new(f, null));

    private ApiKeyWebTokenResult(ApiKeyWebTokenFailure? failure, IssuedWebToken? token)
    {
        Failure = failure;
        Token = token;
    }

    /// <summary>True when a token was issued and is now the key's only working one; <see cref="Token"/> is then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why no token was issued; null when one was.</summary>
    public ApiKeyWebTokenFailure? Failure { get; }

    /// <summary>The new token and its expiry, when issued.</summary>
    public IssuedWebToken? Token { get; }

    internal static ApiKeyWebTokenResult Success(IssuedWebToken token) => new(null, token);

    /// <summary>A refused request: one shared instance per reason.</summary>
    internal static ApiKeyWebTokenResult Failed(ApiKeyWebTokenFailure failure) => Failures[failure];

    /// <summary>The failure, or the token's expiry; the token is never shown.</summary>
    public override string ToString() => Succeeded
        ? $"ApiKeyWebTokenResult {{ Succeeded = True, ExpiresAt = {Token.ExpiresAt:O} }}"
        : $"ApiKeyWebTokenResult {{ Failure = {Failure} }}";
}
