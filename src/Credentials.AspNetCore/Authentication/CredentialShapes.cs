using System.Buffers;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Tells an API key, a web token and a JWT apart by shape only (prefix, length, alphabet, dots), so each goes to the
/// one service that can verify it. The services still run their full format checks.
/// </summary>
internal sealed class CredentialShapes(IOptions<CredentialsOptions> options)
{
    /// <summary>Anything longer is no credential of ours (the JWT validator's own size bound is lower).</summary>
    private const int MaxLength = 16 * 1024;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public CredentialKind? KindOf(string text)
    {
        if (text.Length is 0 or > MaxLength)
        {
            return null;
        }

        var settings = options.Value;
        if (text.StartsWith(settings.ApiKeys.Prefix, StringComparison.Ordinal))
        {
            return CredentialKind.ApiKey;
        }

        if (text.Length == settings.WebTokens.TokenBytes * 2 && text.AsSpan().IndexOfAnyExcept(LowerHex) < 0)
        {
            return CredentialKind.WebToken;
        }

        return IsCompactJws(text) ? CredentialKind.Jwt : null;
    }

    /// <summary>Three base64url segments separated by exactly two dots.</summary>
    private static bool IsCompactJws(string text)
    {
        var dots = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return dots == 2;
    }
}
