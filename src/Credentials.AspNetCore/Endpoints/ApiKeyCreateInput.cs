using Credentials.ApiKeys;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>The body of <c>POST /api/v1/api-keys</c> once its JSON types are checked; values are the service's to validate.</summary>
internal sealed record ApiKeyCreateInput(
    string? Name,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string>? Permissions,
    string? MetadataJson,
    bool IsActive,
    string? UserId,
    IReadOnlyList<ApiKeyRateLimit?>? RateLimits,
    ApiKeyCredits? Credits);
