using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.SetActiveAsync"/> and <see cref="IApiKeyService.DeleteAsync"/>.</summary>
public sealed class ApiKeyManagementResult
{
    private ApiKeyManagementResult(ApiKeyManagementStatus status, ApiKey? key)
    {
        Status = status;
        Key = key;
    }

    /// <summary>Succeeded, or why not.</summary>
    public ApiKeyManagementStatus Status { get; }

    /// <summary>True when the action was done; <see cref="Key"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Key))]
    public bool Succeeded => Status == ApiKeyManagementStatus.Succeeded;

    /// <summary>The key after the action (for a delete, the record that was deleted).</summary>
    public ApiKey? Key { get; }

    internal static ApiKeyManagementResult NotFound { get; } = new(ApiKeyManagementStatus.NotFound, null);

    internal static ApiKeyManagementResult Forbidden { get; } = new(ApiKeyManagementStatus.Forbidden, null);

    internal static ApiKeyManagementResult Done(ApiKey key) => new(ApiKeyManagementStatus.Succeeded, key);

    /// <summary>The status and, when done, the key's uuid.</summary>
    public override string ToString() => Key is null
        ? $"ApiKeyManagementResult {{ Status = {Status} }}"
        : $"ApiKeyManagementResult {{ Status = {Status}, Uuid = {Key.Uuid} }}";
}
