using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>How a create request ended.</summary>
public enum ApiKeyCreateStatus
{
    /// <summary>The key was stored; the result carries the record and the plain key.</summary>
    Created = 1,

    /// <summary>
    /// The actor may not create this key (HTTP 403): it holds neither create permission, or it is a web token or a
    /// secret in its grace period.
    /// </summary>
    Forbidden = 2,

    /// <summary>The request broke a rule; <see cref="ApiKeyCreateResult.Errors"/> says which (HTTP 422).</summary>
    Invalid = 3,
}

/// <summary>
/// The outcome of <see cref="IApiKeyService.CreateAsync"/>. When created it carries the only copy of the plain key
/// there will ever be: hand it to the user and drop it. <see cref="ToString"/> never shows it.
/// </summary>
public sealed class ApiKeyCreateResult
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    private ApiKeyCreateResult(ApiKeyCreateStatus status, ApiKey? key, string? plainKey, IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    {
        Status = status;
        Key = key;
        PlainKey = plainKey;
        Errors = errors;
    }

    /// <summary>Created, forbidden or invalid.</summary>
    public ApiKeyCreateStatus Status { get; }

    /// <summary>True when the key was created; <see cref="Key"/> and <see cref="PlainKey"/> are then set.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(PlainKey))]
    public bool Succeeded => Status == ApiKeyCreateStatus.Created;

    /// <summary>The stored record (the API's <c>api_key</c>), when created.</summary>
    public ApiKey? Key { get; }

    /// <summary>The full key (the API's <c>plain_key</c>), when created. It is not stored and cannot be shown again.</summary>
    public string? PlainKey { get; }

    /// <summary>Field (the API's JSON names: <c>name</c>, <c>expires_at</c>, ...) to messages, when invalid; empty otherwise.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    internal static ApiKeyCreateResult Forbidden { get; } = new(ApiKeyCreateStatus.Forbidden, null, null, NoErrors);

    internal static ApiKeyCreateResult Created(ApiKey key, string plainKey) => new(ApiKeyCreateStatus.Created, key, plainKey, NoErrors);

    internal static ApiKeyCreateResult Invalid(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) => new(ApiKeyCreateStatus.Invalid, null, null, errors);

    /// <summary>The status and the key's uuid; the plain key is always redacted.</summary>
    public override string ToString() => Key is null
        ? $"ApiKeyCreateResult {{ Status = {Status} }}"
        : $"ApiKeyCreateResult {{ Status = {Status}, Uuid = {Key.Uuid}, PlainKey = (redacted) }}";
}
