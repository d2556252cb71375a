namespace Credentials.WebTokens;

/// <summary>
/// Issues, validates and revokes single-active web tokens: each subject has at most one working token, and issuing
/// a new one retires the previous one at once.
/// </summary>
public interface IWebTokenService
{
    /// <summary>
    /// Issues a new token for <paramref name="subject"/> and makes it the subject's only working token.
    /// </summary>
    /// <param name="subject">
    /// Whose token it is, chosen by the host (an API key's id, a user id). Stored and logged in plain text, so never
    /// a secret such as the API key itself.
    /// </param>
    /// <param name="cancellationToken">Cancels the store call.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="subject"/> is null, empty, longer than <see cref="WebTokenOptions.MaxSubjectLength"/>, or holds
    /// control characters or broken UTF-16: the subject comes from the host's own code, so a bad one is a bug.
    /// </exception>
    ValueTask<IssuedWebToken> IssueAsync(string subject, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a presented token. Never throws for bad input: null, garbage, superseded and expired tokens are results.
    /// </summary>
    ValueTask<WebTokenValidationResult> ValidateAsync(string? token, CancellationToken cancellationToken);

    /// <summary>Retires the subject's token, if any; false when it had none.</summary>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is not a valid subject (see <see cref="IssueAsync"/>).</exception>
    ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken);
}
