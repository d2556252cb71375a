using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>
/// The outcome of <see cref="IApiKeyService.RollAsync"/>. When rolled it carries the only copy of the new plain key;
/// <see cref="ToString"/> never shows it.
/// </summary>
public sealed class ApiKeyRollResult
{
    private static readonly FailedResults<ApiKeyRollFailure, ApiKeyRollResult> Failures = new(f => new(f, null, null));

    private ApiKeyRollResult(ApiKeyRollFailure? failure, ApiKey? key, string? plainKey)
    {
        Failure = failure;
        Key = key;
        PlainKey = plainKey;
    }

    /// <summary>True when the key was rolled; <see cref="Key"/> and <see cref="PlainKey"/> are then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(PlainKey))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the key was not rolled; null when it was.</summary>
    public ApiKeyRollFailure? Failure { get; }

    /// <summary>The updated record, when rolled; <see cref="ApiKey.PreviousHashExpiresAt"/> says until when the old secret works.</summary>
    public ApiKey? Key { get; }

    /// <summary>The new full key, when rolled. It is not stored and cannot be shown again.</summary>
    public string? PlainKey { get; }

    internal static ApiKeyRollResult Success(ApiKey key, string plainKey) => new(null, key, plainKey);

    /// <summary>A refused roll: one shared instance per reason.</summary>
    internal static ApiKeyRollResult Failed(ApiKeyRollFailure failure) => Failures[failure];

    /// <summary>The failure, or the key's uuid; the plain key is always redacted.</summary>
    public override string ToString() => Succeeded
        ? $"ApiKeyRollResult {{ Succeeded = True, Uuid = {Key.Uuid}, PlainKey = (redacted) }}"
        : $"ApiKeyRollResult {{ Failure = {Failure} }}";
}
