using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.ListAsync"/>.</summary>
public sealed class ApiKeyListResult
{
    private static readonly FailedResults<ApiKeyManagementFailure, ApiKeyListResult> Failures = new(f => new(f, null));

    private ApiKeyListResult(ApiKeyManagementFailure? failure, IReadOnlyList<ApiKey>? keys)
    {
        Failure = failure;
        Keys = keys;
    }

    /// <summary>True when the actor may list keys; <see cref="Keys"/> is then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Keys))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary><see cref="ApiKeyManagementFailure.Forbidden"/> when the actor may not list keys; null when it may.</summary>
    public ApiKeyManagementFailure? Failure { get; }

    /// <summary>The keys the actor may see, oldest first; null when refused.</summary>
    public IReadOnlyList<ApiKey>? Keys { get; }

    internal static ApiKeyListResult Success(IReadOnlyList<ApiKey> keys) => new(null, keys);

    /// <summary>A refused listing: one shared instance per reason.</summary>
    internal static ApiKeyListResult Failed(ApiKeyManagementFailure failure) => Failures[failure];

    /// <summary>The failure, or how many keys.</summary>
    public override string ToString() => Succeeded
        ? $"ApiKeyListResult {{ Succeeded = True, Count = {Keys.Count} }}"
        : $"ApiKeyListResult {{ Failure = {Failure} }}";
}
