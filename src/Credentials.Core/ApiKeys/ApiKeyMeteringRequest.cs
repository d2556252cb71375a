namespace Credentials.ApiKeys;

/// <summary>
/// What <see cref="IApiKeyService.UpdateMeteringAsync"/> changes on an existing key (the API's <c>PATCH</c> body): its
/// rate limits, its usage credits, or both; what is left null stays as it is. Checked by the same rules as creation.
/// </summary>
public sealed record ApiKeyMeteringRequest
{
    /// <summary>The key's new named rate limits (<c>rate_limits</c>), replacing all of its limits; empty removes them; null keeps them.</summary>
    public IReadOnlyList<ApiKeyRateLimit?>? RateLimits { get; init; }

    /// <summary>
    /// The key's new usage credits (<c>credits</c>: remaining and refill), replacing its credits; null keeps them. A
    /// refill is counted from the change; <see cref="ApiKeyCredits.RefilledAt"/> is ignored.
    /// </summary>
    public ApiKeyCredits? Credits { get; init; }

    /// <summary>Whether the key's credits are removed (<c>"credits": null</c>), so it spends none; not together with <see cref="Credits"/>.</summary>
    public bool RemoveCredits { get; init; }
}
