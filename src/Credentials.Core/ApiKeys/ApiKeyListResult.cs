using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.ListAsync"/>.</summary>
public sealed class ApiKeyListResult
{
    private ApiKeyListResult(ApiKeyManagementStatus status, IReadOnlyList<ApiKey>? keys)
    {
        Status = status;
        Keys = keys;
    }

    /// <summary><see cref="ApiKeyManagementStatus.Succeeded"/> or <see cref="ApiKeyManagementStatus.Forbidden"/>.</summary>
    public ApiKeyManagementStatus Status { get; }

    /// <summary>True when the actor may list keys; <see cref="Keys"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Keys))]
    public bool Succeeded => Status == ApiKeyManagementStatus.Succeeded;

    /// <summary>The keys the actor may see, oldest first.</summary>
    public IReadOnlyList<ApiKey>? Keys { get; }

    internal static ApiKeyListResult Forbidden { get; } = new(ApiKeyManagementStatus.Forbidden, null);

    internal static ApiKeyListResult Listed(IReadOnlyList<ApiKey> keys) => new(ApiKeyManagementStatus.Succeeded, keys);

    /// <summary>The status and how many keys.</summary>
    public override string ToString() => $"ApiKeyListResult {{ Status = {Status}, Count = {Keys?.Count ?? 0} }}";
}
