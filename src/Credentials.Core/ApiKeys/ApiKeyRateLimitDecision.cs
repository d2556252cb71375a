namespace Credentials.ApiKeys;

/// <summary>What <see cref="IApiKeyRateLimitCounter.AcquireAsync"/> decided for one request of one key.</summary>
/// <param name="Admitted">Whether every limit admitted the request.</param>
/// <param name="Status">Admitted: the limit closest to refusing, after this request; refused: the limit that refused.</param>
public readonly record struct ApiKeyRateLimitDecision(bool Admitted, ApiKeyRateLimitStatus Status);
