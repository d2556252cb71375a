namespace Credentials.ApiKeys;

/// <summary>Readable shorthands over <see cref="IApiKeyService"/>.</summary>
public static class ApiKeyServiceExtensions
{
    /// <summary>Stops a key from working until it is reactivated; the updated record, or null when unknown.</summary>
    public static ValueTask<ApiKey?> DeactivateAsync(this IApiKeyService service, Guid uuid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.SetActiveAsync(uuid, isActive: false, cancellationToken);
    }

    /// <summary>Lets a deactivated key work again; the updated record, or null when unknown.</summary>
    public static ValueTask<ApiKey?> ReactivateAsync(this IApiKeyService service, Guid uuid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.SetActiveAsync(uuid, isActive: true, cancellationToken);
    }
}
