using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>
/// The outcome of <see cref="IApiKeyService.CreateAsync"/>. When created it carries the only copy of the plain key
/// there will ever be: hand it to the user and drop it. <see cref="ToString"/> never shows it.
/// </summary>
public sealed class ApiKeyCreateResult
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    private ApiKeyCreateResult(ApiKeyCreateFailure? failure, ApiKey? key, string? plainKey, IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    {
        Failure = failure;
        Key = key;
        PlainKey = plainKey;
        Errors = errors;
    }

    /// <summary>True when the key was created; <see cref="Key"/> and <see cref="PlainKey"/> are then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(PlainKey))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the key was not created (forbidden or invalid); null when it was.</summary>
    public ApiKeyCreateFailure? Failure { get; }

    /// <summary>The stored record (the API's <c>api_key</c>); null when not created.</summary>
    public ApiKey? Key { get; }

    /// <summary>The full key (the API's <c>plain_key</c>); null when not created. It is not stored and cannot be shown again.</summary>
    public string? PlainKey { get; }

    /// <summary>Field (the API's JSON names: <c>name</c>, <c>expires_at</c>, ...) to messages, when invalid; empty otherwise.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    internal static ApiKeyCreateResult Forbidden { get; } = new(ApiKeyCreateFailure.Forbidden, null, null, NoErrors);

    internal static ApiKeyCreateResult Success(ApiKey key, string plainKey) => new(null, key, plainKey, NoErrors);

    internal static ApiKeyCreateResult Invalid(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) => new(ApiKeyCreateFailure.Invalid, null, null, errors);

    /// <summary>The failure, or the key's uuid; the plain key is always redacted.</summary>
    public override string ToString() => Succeeded
        ? $"ApiKeyCreateResult {{ Succeeded = True, Uuid = {Key.Uuid}, PlainKey = (redacted) }}"
        : $"ApiKeyCreateResult {{ Failure = {Failure} }}";
}
