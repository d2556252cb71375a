using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.SetActiveAsync"/> and <see cref="IApiKeyService.DeleteAsync"/>.</summary>
public sealed class ApiKeyManagementResult
{
    private static readonly FailedResults<ApiKeyManagementFailure, ApiKeyManagementResult> Failures = new(f => new(f, null));

    private ApiKeyManagementResult(ApiKeyManagementFailure? failure, ApiKey? key)
    {
        Failure = failure;
        Key = key;
    }

    /// <summary>True when the action was done; <see cref="Key"/> is then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Key))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the action was refused; null when it was done.</summary>
    public ApiKeyManagementFailure? Failure { get; }

    /// <summary>The key after the action (for a delete, the record that was deleted); null when refused.</summary>
    public ApiKey? Key { get; }

    internal static ApiKeyManagementResult Success(ApiKey key) => new(null, key);

    /// <summary>A refused action: one shared instance per reason.</summary>
    internal static ApiKeyManagementResult Failed(ApiKeyManagementFailure failure) => Failures[failure];

    /// <summary>The failure, or the key's uuid.</summary>
    public override string ToString() => Succeeded
        ? $"ApiKeyManagementResult {{ Succeeded = True, Uuid = {Key.Uuid} }}"
        : $"ApiKeyManagementResult {{ Failure = {Failure} }}";
}
