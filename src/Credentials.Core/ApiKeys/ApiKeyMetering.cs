using Credentials.Diagnostics;

namespace Credentials.ApiKeys;

/// <summary>
/// What a verified key may still spend: its rate limits (<see cref="IApiKeyRateLimitCounter"/>: in process, or shared),
/// then its usage credits (in the store, atomically). Runs last, after every other check, so a refused key spends
/// nothing; a key with neither costs no extra work and no store call. Credits are always spent in the store, never
/// judged from a (possibly cached) record. Builds the verification's one result, so metering allocates no second one.
/// </summary>
internal sealed class ApiKeyMetering(IApiKeyStore store, IApiKeyRateLimitCounter counter, ApiKeyOptions options, CredentialsMetrics metrics, TimeProvider time)
{
    private readonly ApiKeyRateLimit[]? _defaultLimits = options.DefaultRateLimit is { } limit ? [limit] : null;

    public ValueTask<ApiKeyVerificationResult> ApplyAsync(
        ApiKey key, IReadOnlyList<string> grant, ApiKeyPresentation presentation, long cost, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApiKeyRateLimit>? limits = key.RateLimits.Count > 0 ? key.RateLimits : _defaultLimits;
        if (limits is null)
        {
            return key.Credits is null
                ? new(Accepted(key, grant, presentation, null))
                : SpendAsync(key, grant, presentation, cost, null, cancellationToken);
        }

        var acquiring = counter.AcquireAsync(key.Uuid, limits, cancellationToken);
        return acquiring.IsCompletedSuccessfully
            ? Metered(acquiring.Result, key, grant, presentation, cost, cancellationToken)
            : AcquiredAsync(acquiring, key, grant, presentation, cost, cancellationToken);
    }

    private async ValueTask<ApiKeyVerificationResult> AcquiredAsync(
        ValueTask<ApiKeyRateLimitDecision> acquiring, ApiKey key, IReadOnlyList<string> grant, ApiKeyPresentation presentation, long cost, CancellationToken cancellationToken) =>
        await Metered(await acquiring.ConfigureAwait(false), key, grant, presentation, cost, cancellationToken).ConfigureAwait(false);

    private ValueTask<ApiKeyVerificationResult> Metered(
        ApiKeyRateLimitDecision decision, ApiKey key, IReadOnlyList<string> grant, ApiKeyPresentation presentation, long cost, CancellationToken cancellationToken)
    {
        if (!decision.Admitted)
        {
            return new(ApiKeyVerificationResult.Metered(ApiKeyVerificationFailure.RateLimited, decision.Status, decision.Status.ResetAfter));
        }

        return key.Credits is null
            ? new(Accepted(key, grant, presentation, decision.Status))
            : SpendAsync(key, grant, presentation, cost, decision.Status, cancellationToken);
    }

    private async ValueTask<ApiKeyVerificationResult> SpendAsync(
        ApiKey key, IReadOnlyList<string> grant, ApiKeyPresentation presentation, long cost, ApiKeyRateLimitStatus? standing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await store.SpendCreditsAsync(key.Uuid, cost, now, cancellationToken).ConfigureAwait(false))
        {
            return Accepted(key, grant, presentation, standing);
        }

        return ApiKeyVerificationResult.Metered(ApiKeyVerificationFailure.UsageExceeded, standing, key.Credits!.NextRefillAfter(now) - now);
    }

    private ApiKeyVerificationResult Accepted(ApiKey key, IReadOnlyList<string> grant, ApiKeyPresentation presentation, ApiKeyRateLimitStatus? standing)
    {
        if (options.UsageMetricPerKey)
        {
            metrics.KeyUsed(key.Uuid);
        }

        return ApiKeyVerificationResult.Success(key, grant, presentation, standing);
    }
}
