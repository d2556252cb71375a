using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

#pragma warning disable CA1812 // Described in the OpenAPI document, never built (see LoginBodies.cs).
namespace Credentials.AspNetCore.Endpoints.Bodies;

/// <summary><c>POST /api/v1/api-keys</c>'s body.</summary>
internal sealed class ApiKeyCreateRequestBody
{
    [JsonPropertyName("name")]
    [JsonRequired]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("expires_at")]
    [Description("For example 2026-12-31T23:59:59.000000Z; never expires when absent.")]
    public string? ExpiresAt { get; init; }

    [JsonPropertyName("permissions")]
    public string[]? Permissions { get; init; }

    [JsonPropertyName("metadata")]
    public JsonElement? Metadata { get; init; }

    [JsonPropertyName("is_active")]
    [Description("Default true.")]
    public bool? IsActive { get; init; }

    [JsonPropertyName("user_id")]
    [Description("The owner, for a caller with api.keys.create; the caller itself when absent.")]
    public JsonElement? UserId { get; init; }

    [JsonPropertyName("rate_limits")]
    public ApiKeyRateLimitBody[]? RateLimits { get; init; }

    [JsonPropertyName("credits")]
    public ApiKeyCreditsBody? Credits { get; init; }
}

/// <summary><c>PATCH /api/v1/api-keys/{uuid}</c>'s body: a field left out stays as it is, <c>null</c> removes it.</summary>
internal sealed class ApiKeyMeteringRequestBody
{
    [JsonPropertyName("rate_limits")]
    [Description("Replaces the key's rate limits; null or [] removes them.")]
    public ApiKeyRateLimitBody[]? RateLimits { get; init; }

    [JsonPropertyName("credits")]
    [Description("Replaces the key's usage credits; null removes them.")]
    public ApiKeyCreditsBody? Credits { get; init; }
}

/// <summary><c>POST /api/v1/api-keys/{uuid}/roll</c>'s optional body.</summary>
internal sealed class ApiKeyRollRequestBody
{
    [JsonPropertyName("grace_period_seconds")]
    [Description("How long the old secret keeps working; 0 (the default) ends it at once.")]
    public int? GracePeriodSeconds { get; init; }
}

/// <summary>A key's record: never its secret or hash.</summary>
internal sealed class ApiKeyBody
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    [JsonPropertyName("uuid")]
    public Guid Uuid { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("key_prefix")]
    public string KeyPrefix { get; init; } = string.Empty;

    [JsonPropertyName("hint")]
    [Description("The key's last four characters, to tell keys apart; absent for keys stored before hints.")]
    public string? Hint { get; init; }

    [JsonPropertyName("expires_at")]
    public string? ExpiresAt { get; init; }

    [JsonPropertyName("is_active")]
    public bool IsActive { get; init; }

    [JsonPropertyName("user_id")]
    [Description("A number when the owner's id is one, else a string.")]
    public JsonElement UserId { get; init; }

    [JsonPropertyName("user")]
    public ApiKeyOwnerBody User { get; init; } = new();

    [JsonPropertyName("created_at")]
    public string CreatedAt { get; init; } = string.Empty;

    [JsonPropertyName("permissions")]
    [Description("In listings and management answers.")]
    public string[]? Permissions { get; init; }

    [JsonPropertyName("last_used_at")]
    [Description("In listings and management answers.")]
    public string? LastUsedAt { get; init; }

    [JsonPropertyName("rate_limits")]
    [Description("Only when the key has rate limits.")]
    public ApiKeyRateLimitBody[]? RateLimits { get; init; }

    [JsonPropertyName("credits")]
    [Description("Only when the key has credits.")]
    public ApiKeyCreditsBody? Credits { get; init; }
}

/// <summary>A key's owner.</summary>
internal sealed class ApiKeyOwnerBody
{
    [JsonPropertyName("id")]
    public JsonElement Id { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }
}

/// <summary>One rate limit: at most <c>limit</c> requests per <c>window_seconds</c>.</summary>
internal sealed class ApiKeyRateLimitBody
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("limit")]
    public long Limit { get; init; }

    [JsonPropertyName("window_seconds")]
    public long WindowSeconds { get; init; }
}

/// <summary>A key's credits: each request spends one.</summary>
internal sealed class ApiKeyCreditsBody
{
    [JsonPropertyName("remaining")]
    public long Remaining { get; init; }

    [JsonPropertyName("refill")]
    public ApiKeyRefillBody? Refill { get; init; }
}

/// <summary>How credits refill.</summary>
internal sealed class ApiKeyRefillBody
{
    [JsonPropertyName("amount")]
    public long Amount { get; init; }

    [JsonPropertyName("interval_seconds")]
    public long IntervalSeconds { get; init; }

    [JsonPropertyName("refilled_at")]
    [Description("In answers only.")]
    public string? RefilledAt { get; init; }
}

/// <summary><c>{"api_key"}</c>: a managed key.</summary>
internal sealed class ApiKeyResponseBody
{
    [JsonPropertyName("api_key")]
    public ApiKeyBody ApiKey { get; init; } = new();
}

/// <summary><c>{"api_key", "plain_key"}</c>: a created or rolled key, with its secret, shown this once.</summary>
internal sealed class ApiKeySecretResponseBody
{
    [JsonPropertyName("api_key")]
    public ApiKeyBody ApiKey { get; init; } = new();

    [JsonPropertyName("plain_key")]
    [Description("The whole key, shown only now: it is stored as a hash.")]
    public string PlainKey { get; init; } = string.Empty;
}

/// <summary><c>{"api_keys"}</c>: the keys the caller may manage.</summary>
internal sealed class ApiKeyListResponseBody
{
    [JsonPropertyName("api_keys")]
    public ApiKeyBody[] ApiKeys { get; init; } = [];
}
