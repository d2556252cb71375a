using Credentials.Diagnostics;
using Credentials.Secrets;
using Microsoft.Extensions.Logging;

namespace Credentials.ApiKeys;

/// <summary>
/// Judges presented keys: shape first (no hashing, no store call), then the pepper loop of <see cref="SecretHasher"/>,
/// then the checks every presentation of a found key passes (also for a key's web token). Records are read through
/// <see cref="ApiKeyVerificationCache"/> (which passes straight to the store when it is off); judgement is never cached.
/// </summary>
internal sealed class ApiKeyVerifier(
    IApiKeyStore store,
    ApiKeyVerificationCache cache,
    ApiKeyFormat format,
    SecretHasher hasher,
    TimeProvider time,
    ApiKeyUsageRecorder usage,
    CredentialsMetrics metrics,
    ApiKeyOwnerCeiling ceiling,
    ApiKeyMetering metering,
    ILogger logger)
{
    public ValueTask<ApiKeyVerificationResult> VerifyAsync(string? presentedKey, long cost, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        if (presentedKey is null || !format.IsWellFormed(presentedKey))
        {
            using var activity = CredentialsTracing.Start("credentials.verify", CredentialKind.ApiKey);
            return new(Reject(ApiKeyVerificationFailure.Malformed));
        }

        return VerifyWellFormedAsync(presentedKey, cost, cancellationToken);
    }

    /// <summary>
    /// The checks every presentation of a found key passes, in order: inactive, expired, then the owner ceiling, which
    /// turns the key's permissions into its grant, and last the key's metering (rate limits, then <paramref name="cost"/>
    /// credits), so a web token spends its key's budget too. Counts nothing: the caller reports the outcome for its kind.
    /// </summary>
    public async ValueTask<ApiKeyVerificationResult> DecideAsync(ApiKey record, ApiKeyPresentation presentation, long cost, CancellationToken cancellationToken)
    {
        if (!record.IsActive)
        {
            return ApiKeyVerificationResult.Failed(ApiKeyVerificationFailure.Inactive);
        }

        if (record.ExpiresAt <= time.GetUtcNow())
        {
            return ApiKeyVerificationResult.Failed(ApiKeyVerificationFailure.Expired);
        }

        var grant = await ceiling.GrantAsync(record, cancellationToken).ConfigureAwait(false);
        return grant is null
            ? ApiKeyVerificationResult.Failed(ApiKeyVerificationFailure.OwnerUnavailable)
            : await metering.ApplyAsync(record, grant, presentation, cost, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key as a whole (prefix, secret, checksum) is what is hashed; its current or previous hash may match.</summary>
    private async ValueTask<ApiKeyVerificationResult> VerifyWellFormedAsync(string presentedKey, long cost, CancellationToken cancellationToken)
    {
        using var activity = CredentialsTracing.Start("credentials.verify", CredentialKind.ApiKey);
        var match = await hasher.FindAsync(
            presentedKey,
            this,
            static (verifier, hash, ct) => verifier.FindByHashAsync(hash, ct),
            static (key, hash, pepperId) => IsCurrent(key, hash, pepperId) || (key.PreviousHash == hash && key.PreviousPepperId == pepperId),
            cancellationToken).ConfigureAwait(false);
        if (match is not { } found)
        {
            return Reject(ApiKeyVerificationFailure.Unknown);
        }

        var record = found.Record;
        var presentation = ApiKeyPresentation.CurrentSecret;
        if (!IsCurrent(record, found.Hash, found.PepperId))
        {
            // A rolled-away secret past its grace: the key it belonged to has expired for its holder.
            if (!(record.PreviousHashExpiresAt > time.GetUtcNow()))
            {
                return RejectKnown(record, ApiKeyVerificationResult.Failed(ApiKeyVerificationFailure.Expired));
            }

            presentation = ApiKeyPresentation.GraceSecret;
        }

        var result = await DecideAsync(record, presentation, cost, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return RejectKnown(record, result);
        }

        usage.Record(record, time.GetUtcNow());
        metrics.Verified(CredentialKind.ApiKey);
        return result;
    }

    /// <summary>The record a web token's subject names, through the cache like a presented key's.</summary>
    public ValueTask<ApiKey?> FindByUuidAsync(Guid uuid, CancellationToken cancellationToken) =>
        cache.FindByUuidAsync(store, uuid, cancellationToken);

    private ValueTask<ApiKey?> FindByHashAsync(SecretHash hash, CancellationToken cancellationToken) =>
        cache.FindByHashAsync(store, hash, cancellationToken);

    /// <summary>SecretHash equality is constant-time; the store's index found the record, this says which secret matched.</summary>
    private static bool IsCurrent(ApiKey key, SecretHash hash, string? pepperId) => key.Hash == hash && key.PepperId == pepperId;

    private ApiKeyVerificationResult Reject(ApiKeyVerificationFailure failure)
    {
        var reason = CredentialTags.Of(failure);
        metrics.Rejected(CredentialKind.ApiKey, reason);
        ApiKeyLog.Rejected(logger, reason);
        return ApiKeyVerificationResult.Failed(failure);
    }

    private ApiKeyVerificationResult RejectKnown(ApiKey record, ApiKeyVerificationResult result)
    {
        var reason = CredentialTags.Of(result.Failure!.Value);
        metrics.Rejected(CredentialKind.ApiKey, reason);
        ApiKeyLog.RejectedKnown(logger, record.Uuid, reason);
        return result;
    }
}
