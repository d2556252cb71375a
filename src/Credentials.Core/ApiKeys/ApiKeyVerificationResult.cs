using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.VerifyAsync(string?, CancellationToken)"/>: the key's record, owner and permissions, or why it was refused.</summary>
public sealed class ApiKeyVerificationResult
{
    private static readonly FailedResults<ApiKeyVerificationFailure, ApiKeyVerificationResult> Failures = new(f => new(f, null, [], default, null, null));

    private ApiKeyVerificationResult(
        ApiKeyVerificationFailure? failure,
        ApiKey? key,
        IReadOnlyList<string> permissions,
        ApiKeyPresentation presentation,
        ApiKeyRateLimitStatus? rateLimit,
        TimeSpan? retryAfter)
    {
        Failure = failure;
        Key = key;
        Permissions = permissions;
        Presentation = presentation;
        RateLimit = rateLimit;
        RetryAfter = retryAfter;
    }

    /// <summary>True when the key was accepted; <see cref="Key"/> and <see cref="OwnerId"/> are then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(OwnerId))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the key was refused; null when it was accepted.</summary>
    public ApiKeyVerificationFailure? Failure { get; }

    /// <summary>The accepted key's record; null when refused.</summary>
    public ApiKey? Key { get; }

    /// <summary>The user the accepted key acts for; null when refused.</summary>
    public string? OwnerId => Key?.OwnerId;

    /// <summary>
    /// The key's grant, what a request presenting it may do: the key's own <see cref="ApiKey.Permissions"/> that its
    /// owner still holds (see <see cref="ApiKeyOptions.PermissionCeiling"/>). Empty when refused.
    /// </summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>How the accepted key was presented (current secret, grace secret or web token); meaningless when refused.</summary>
    public ApiKeyPresentation Presentation { get; }

    /// <summary>
    /// For a key with rate limits (its own or the host's default): the limit closest to refusing it, after this
    /// verification, also when it refused (<see cref="ApiKeyVerificationFailure.RateLimited"/>). Null otherwise.
    /// </summary>
    public ApiKeyRateLimitStatus? RateLimit { get; }

    /// <summary>
    /// When refused as <see cref="ApiKeyVerificationFailure.RateLimited"/>: until the window ends; as
    /// <see cref="ApiKeyVerificationFailure.UsageExceeded"/>: until the next refill (null when the credits never refill).
    /// Null otherwise.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>An accepted key, with its rate-limit standing when it has limits.</summary>
    internal static ApiKeyVerificationResult Success(ApiKey key, IReadOnlyList<string> grant, ApiKeyPresentation presentation, ApiKeyRateLimitStatus? rateLimit) =>
        new(null, key, grant, presentation, rateLimit, null);

    /// <summary>A key refused by its metering (rate limit or credits), with when to try again.</summary>
    internal static ApiKeyVerificationResult Metered(ApiKeyVerificationFailure failure, ApiKeyRateLimitStatus? rateLimit, TimeSpan? retryAfter) =>
        new(failure, null, [], default, rateLimit, retryAfter);

    /// <summary>A refused key: one shared instance per reason.</summary>
    internal static ApiKeyVerificationResult Failed(ApiKeyVerificationFailure failure) => Failures[failure];

    /// <summary>The failure, or the accepted key's uuid and how it was presented; never the key.</summary>
    public override string ToString() => Succeeded
        ? $"ApiKeyVerificationResult {{ Succeeded = True, Uuid = {Key.Uuid}, Presentation = {Presentation} }}"
        : $"ApiKeyVerificationResult {{ Failure = {Failure} }}";
}
