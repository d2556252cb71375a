namespace Credentials.ApiKeys;

/// <summary>Readable shorthands over <see cref="IApiKeyService"/>.</summary>
public static class ApiKeyServiceExtensions
{
    /// <summary>Stops a key from working until it is reactivated, and ends its web token; see <see cref="IApiKeyService.SetActiveAsync"/>.</summary>
    public static ValueTask<ApiKeyManagementResult> DeactivateAsync(this IApiKeyService service, Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.SetActiveAsync(uuid, isActive: false, actor, cancellationToken);
    }

    /// <summary>Lets a deactivated key work again; see <see cref="IApiKeyService.SetActiveAsync"/>.</summary>
    public static ValueTask<ApiKeyManagementResult> ReactivateAsync(this IApiKeyService service, Guid uuid, ApiKeyActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.SetActiveAsync(uuid, isActive: true, actor, cancellationToken);
    }
}
