using Credentials.Diagnostics;
using Credentials.WebTokens;
using Microsoft.Extensions.Logging;

namespace Credentials.ApiKeys;

/// <summary>
/// The single active web token of each key: its subject is the key's uuid, only the key's current secret may ask for
/// it, it acts with the key's grant, and it ends whenever the key is rolled, deactivated or deleted.
/// </summary>
internal sealed class ApiKeyWebTokens(
    IApiKeyStore store,
    IWebTokenService webTokens,
    ApiKeyVerifier verifier,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>The subject of the web token issued to a key: its uuid, in one canonical form.</summary>
    public static string SubjectOf(Guid uuid) => uuid.ToString("D");

    public async ValueTask<ApiKeyWebTokenResult> IssueAsync(ApiKeyActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsCurrentKeySecret || actor.Key?.Key is not { } presented)
        {
            return ApiKeyWebTokenResult.Failed(ApiKeyWebTokenFailure.Forbidden);
        }

        var subject = SubjectOf(presented.Uuid);
        var issued = await webTokens.IssueAsync(subject, cancellationToken).ConfigureAwait(false);

        // A roll or deactivate that committed after this key was verified may have ended the key's token before this
        // one was stored: read the key again, and withdraw the token if its secret is no longer the one presented.
        // From the store, never the verification cache: a change on another instance may not have reached it yet.
        var current = await store.FindByUuidAsync(presented.Uuid, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Hash != presented.Hash || !current.IsActive || current.ExpiresAt <= time.GetUtcNow())
        {
            await webTokens.RevokeAsync(subject, CancellationToken.None).ConfigureAwait(false);
            ApiKeyLog.WebTokenWithdrawn(logger, presented.Uuid);
            return ApiKeyWebTokenResult.Failed(ApiKeyWebTokenFailure.KeyChanged);
        }

        return ApiKeyWebTokenResult.Success(issued);
    }

    public async ValueTask<ApiKeyVerificationResult> VerifyAsync(string? token, CancellationToken cancellationToken)
    {
        var validated = await webTokens.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        if (!validated.Succeeded)
        {
            return ApiKeyVerificationResult.Failed(validated.Failure switch
            {
                WebTokenValidationFailure.Malformed => ApiKeyVerificationFailure.Malformed,
                WebTokenValidationFailure.Expired => ApiKeyVerificationFailure.Expired,
                _ => ApiKeyVerificationFailure.Unknown,
            });
        }

        // Web tokens of other subjects (a host may issue its own) are not keys' tokens.
        var record = Guid.TryParse(validated.Subject, out var uuid) && validated.Subject == SubjectOf(uuid)
            ? await verifier.FindByUuidAsync(uuid, cancellationToken).ConfigureAwait(false)
            : null;
        if (record is null)
        {
            return ApiKeyVerificationResult.Failed(ApiKeyVerificationFailure.Unknown);
        }

        var result = await verifier.DecideAsync(record, ApiKeyPresentation.WebToken, cost: 1, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var reason = CredentialTags.Of(result.Failure.Value);
            ApiKeyLog.WebTokenKeyRefused(logger, record.Uuid, reason);
        }

        return result;
    }

    /// <summary>Ends the key's web token. Not cancellable: the key change has committed, and its token must not outlive it.</summary>
    public async ValueTask EndAsync(Guid uuid) =>
        await webTokens.RevokeAsync(SubjectOf(uuid), CancellationToken.None).ConfigureAwait(false);
}
