using System.Buffers;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// Checks a scheme's <see cref="CredentialsAuthenticationOptions"/> at start-up: the API-key header, when named, must
/// be a header name a client can send (an RFC 9110 token) and not <c>Authorization</c>, which the handler reads for
/// every kind already.
/// </summary>
internal sealed class CredentialsAuthenticationOptionsValidator : IValidateOptions<CredentialsAuthenticationOptions>
{
    /// <summary>RFC 9110 section 5.6.2 <c>tchar</c>.</summary>
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public ValidateOptionsResult Validate(string? name, CredentialsAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ApiKeyHeaderName is not { } header)
        {
            return ValidateOptionsResult.Success;
        }

        var setting = $"{nameof(CredentialsAuthenticationOptions)}.{nameof(options.ApiKeyHeaderName)} (scheme '{name}')";
        if (header.Length == 0 || header.AsSpan().IndexOfAnyExcept(TokenCharacters) >= 0)
        {
            return ValidateOptionsResult.Fail($"{setting} must be a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~), such as X-Api-Key, or null to read no such header.");
        }

        return string.Equals(header, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Fail($"{setting} must not be Authorization: API keys are read from Authorization: Bearer already. Name another header, such as X-Api-Key.")
            : ValidateOptionsResult.Success;
    }
}
