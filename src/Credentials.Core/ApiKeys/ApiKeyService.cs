using Credentials.Diagnostics;
using Credentials.Secrets;
using Credentials.Users;
using Credentials.WebTokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Credentials.ApiKeys;

/// <summary>
/// The default <see cref="IApiKeyService"/>: one front over the key room's parts (verification, creation, management,
/// the key's web token, all bounded by the owner ceiling). Scoped, like the store it may use (EF Core); the state that
/// must outlive a request (the format, the hasher, the last-used throttle) lives in singletons.
/// </summary>
internal sealed class ApiKeyService : IApiKeyService
{
    private readonly ApiKeyVerifier _verifier;
    private readonly ApiKeyCreation _creation;
    private readonly ApiKeyManagement _management;
    private readonly ApiKeyWebTokens _webTokens;

    public ApiKeyService(
        IApiKeyStore store,
        ApiKeyFormat format,
        SecretHasher hasher,
        ISecretRandom random,
        TimeProvider time,
        ApiKeyUsageRecorder usage,
        CredentialsMetrics metrics,
        IWebTokenService webTokens,
        IUserDirectory owners,
        ApiKeyVerificationCache cache,
        IApiKeyRateLimitCounter rateLimits,
        IOptions<CredentialsOptions> options,
        ILogger<ApiKeyService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.ApiKeys;
        var log = logger ?? (ILogger)NullLogger.Instance;
        var ceiling = new ApiKeyOwnerCeiling(owners, settings);
        _verifier = new ApiKeyVerifier(store, cache, format, hasher, time, usage, metrics, ceiling, new ApiKeyMetering(store, rateLimits, settings, metrics, time), log);
        _creation = new ApiKeyCreation(store, format, new ApiKeyRequestValidator(settings), hasher, random, time, metrics, ceiling, log);
        _webTokens = new ApiKeyWebTokens(store, webTokens, _verifier, time, log);
        _management = new ApiKeyManagement(store, format, hasher, random, time, settings, ceiling, _webTokens, cache, log);
    }

    public ValueTask<ApiKeyCreateResult> CreateAsync(ApiKeyCreateRequest request, ApiKeyActor actor, CancellationToken cancellationToken) =>
        _creation.CreateAsync(request, actor, cancellationToken);

    public ValueTask<ApiKeyVerificationResult> VerifyAsync(string? presentedKey, CancellationToken cancellationToken) =>
        _verifier.VerifyAsync(presentedKey, cost: 1, cancellationToken);

    public ValueTask<ApiKeyVerificationResult> VerifyAsync(string? presentedKey, long cost, CancellationToken cancellationToken) =>
        _verifier.VerifyAsync(presentedKey, cost, cancellationToken);

    public ValueTask<ApiKeyVerificationResult> VerifyWebTokenAsync(string? token, CancellationToken cancellationToken) =>
        _webTokens.VerifyAsync(token, cancellationToken);

    public ValueTask<ApiKeyWebTokenResult> IssueWebTokenAsync(ApiKeyActor actor, CancellationToken cancellationToken) =>
        _webTokens.IssueAsync(actor, cancellationToken);

    public ValueTask<ApiKeyListResult> ListAsync(ApiKeyActor actor, CancellationToken cancellationToken) =>
        _management.ListAsync(actor, cancellationToken);

    public ValueTask<ApiKeyManagementResult> FindAsync(Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken) =>
        _management.FindAsync(uuid, actor, cancellationToken);

    public ValueTask<ApiKeyManagementResult> SetActiveAsync(Guid uuid, bool isActive, ApiKeyActor actor, CancellationToken cancellationToken) =>
        _management.SetActiveAsync(uuid, isActive, actor, cancellationToken);

    public ValueTask<ApiKeyMeteringResult> UpdateMeteringAsync(Guid uuid, ApiKeyMeteringRequest request, ApiKeyActor actor, CancellationToken cancellationToken) =>
        _management.UpdateMeteringAsync(uuid, request, actor, cancellationToken);

    public ValueTask<ApiKeyManagementResult> DeleteAsync(Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken) =>
        _management.DeleteAsync(uuid, actor, cancellationToken);

    public ValueTask<ApiKeyRollResult> RollAsync(Guid uuid, TimeSpan gracePeriod, ApiKeyActor actor, CancellationToken cancellationToken) =>
        _management.RollAsync(uuid, gracePeriod, actor, cancellationToken);
}
