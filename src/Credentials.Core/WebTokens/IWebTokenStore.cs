using Credentials.Secrets;

namespace Credentials.WebTokens;

/// <summary>
/// Persists each subject's single active web token. The replacement is the heart of the primitive: after any set of
/// concurrent <see cref="ReplaceAsync"/> calls for one subject completes, exactly one of their tokens is stored, the
/// one committed last, and no other token of that subject can be found. Subjects never disturb each other.
/// </summary>
public interface IWebTokenStore
{
    /// <summary>Makes <paramref name="token"/> its subject's only token, in one atomic step that drops any previous one.</summary>
    ValueTask ReplaceAsync(WebToken token, CancellationToken cancellationToken);

    /// <summary>The subject's current token with this hash, or null (never a superseded token). Expiry is the service's to judge.</summary>
    ValueTask<WebToken?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken);

    /// <summary>Drops the subject's token; false when it had none.</summary>
    ValueTask<bool> RevokeAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Deletes every token that expired at or before <paramref name="now"/>, in one set-based step; returns how many.</summary>
    ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
