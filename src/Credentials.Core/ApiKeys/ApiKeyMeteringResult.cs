using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.UpdateMeteringAsync"/>: the key as changed, or why nothing changed.</summary>
public sealed class ApiKeyMeteringResult
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    private static readonly FailedResults<ApiKeyMeteringFailure, ApiKeyMeteringResult> Failures = new(f => new(f, null, NoErrors));

    private ApiKeyMeteringResult(ApiKeyMeteringFailure? failure, ApiKey? key, IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    {
        Failure = failure;
        Key = key;
        Errors = errors;
    }

    /// <summary>True when the key was changed; <see cref="Key"/> is then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Key))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why nothing changed; null when the key was changed.</summary>
    public ApiKeyMeteringFailure? Failure { get; }

    /// <summary>The key after the change; null when refused.</summary>
    public ApiKey? Key { get; }

    /// <summary>Field (the API's JSON names: <c>rate_limits</c>, <c>credits</c>) to messages, when invalid; empty otherwise.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    internal static ApiKeyMeteringResult Success(ApiKey key) => new(null, key, NoErrors);

    internal static ApiKeyMeteringResult Invalid(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) => new(ApiKeyMeteringFailure.Invalid, null, errors);

    /// <summary>A refused change without field errors: one shared instance per reason.</summary>
    internal static ApiKeyMeteringResult Failed(ApiKeyMeteringFailure failure) => Failures[failure];

    /// <summary>The failure, or the key's uuid.</summary>
    public override string ToString() => Succeeded
        ? $"ApiKeyMeteringResult {{ Succeeded = True, Uuid = {Key.Uuid} }}"
        : $"ApiKeyMeteringResult {{ Failure = {Failure} }}";
}
