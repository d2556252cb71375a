using System.Diagnostics.CodeAnalysis;
using Credentials.WebTokens;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.IssueWebTokenAsync"/>.</summary>
public sealed class ApiKeyWebTokenResult
{
    private ApiKeyWebTokenResult(ApiKeyWebTokenStatus status, IssuedWebToken? token)
    {
        Status = status;
        Token = token;
    }

    /// <summary>Issued, or why not.</summary>
    public ApiKeyWebTokenStatus Status { get; }

    /// <summary>True when a token was issued; <see cref="Token"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    public bool Succeeded => Status == ApiKeyWebTokenStatus.Issued;

    /// <summary>The new token and its expiry, when issued.</summary>
    public IssuedWebToken? Token { get; }

    internal static ApiKeyWebTokenResult Forbidden { get; } = new(ApiKeyWebTokenStatus.Forbidden, null);

    internal static ApiKeyWebTokenResult KeyChanged { get; } = new(ApiKeyWebTokenStatus.KeyChanged, null);

    internal static ApiKeyWebTokenResult Issued(IssuedWebToken token) => new(ApiKeyWebTokenStatus.Issued, token);

    /// <summary>The status only; the token is never shown.</summary>
    public override string ToString() => $"ApiKeyWebTokenResult {{ Status = {Status} }}";
}
