namespace Credentials.ApiKeys;

/// <summary>
/// What a verified key may still spend: its rate limits (in process), then its usage credits (in the store, atomically).
/// Runs last, after every other check, so a refused key spends nothing; a key with neither costs no extra work and no
/// store call. Credits are always spent in the store, never judged from a (possibly cached) record.
/// </summary>
internal sealed class ApiKeyMetering(IApiKeyStore store, ApiKeyRateLimiter limiter, TimeProvider time)
{
    public ValueTask<ApiKeyVerificationResult> ApplyAsync(ApiKeyVerificationResult accepted, long cost, CancellationToken cancellationToken)
    {
        var key = accepted.Key!;
        ApiKeyRateLimitStatus? standing = null;
        if (limiter.Limits(key))
        {
            var (admitted, status) = limiter.Acquire(key);
            if (!admitted)
            {
                return new(ApiKeyVerificationResult.Metered(ApiKeyVerificationFailure.RateLimited, status, status.ResetAfter));
            }

            standing = status;
        }

        return key.Credits is null
            ? new(accepted.WithRateLimit(standing))
            : SpendAsync(accepted, key, cost, standing, cancellationToken);
    }

    private async ValueTask<ApiKeyVerificationResult> SpendAsync(
        ApiKeyVerificationResult accepted, ApiKey key, long cost, ApiKeyRateLimitStatus? standing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await store.SpendCreditsAsync(key.Uuid, cost, now, cancellationToken).ConfigureAwait(false))
        {
            return accepted.WithRateLimit(standing);
        }

        return ApiKeyVerificationResult.Metered(ApiKeyVerificationFailure.UsageExceeded, standing, key.Credits!.NextRefillAfter(now) - now);
    }
}
