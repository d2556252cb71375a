using System.Globalization;
using Credentials.ApiKeys;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>An API key record in the API-key creation API's <c>api_key</c> shape. Never the secret or its hash.</summary>
internal static class ApiKeyJson
{
    /// <summary>
    /// That API's fields exactly; <paramref name="withUsage"/> adds <c>hint</c> (the key's last characters, null for a key
    /// stored without one), <c>permissions</c> and <c>last_used_at</c>, which listings need and its create answer does not show. A key's <c>rate_limits</c> and <c>credits</c> are added to both,
    /// only when the key has them.
    /// </summary>
    public static Dictionary<string, object?> Render(ApiKey key, string? ownerEmail, bool withUsage = false)
    {
        var userId = UserId(key.OwnerId);
        var json = new Dictionary<string, object?>
        {
            ["id"] = key.Id,
            ["uuid"] = key.Uuid,
            ["name"] = key.Name,
            ["key_prefix"] = key.Prefix,
            ["expires_at"] = ApiTimestampFormat.Format(key.ExpiresAt),
            ["is_active"] = key.IsActive,
            ["user_id"] = userId,
            ["user"] = new Dictionary<string, object?> { ["id"] = userId, ["email"] = ownerEmail },
            ["created_at"] = ApiTimestampFormat.Format(key.CreatedAt),
        };
        if (withUsage)
        {
            json["hint"] = key.Hint;
            json["permissions"] = key.Permissions;
            json["last_used_at"] = ApiTimestampFormat.Format(key.LastUsedAt);
        }

        ApiKeyMeteringJson.Render(key, json);
        return json;
    }

    /// <summary>Numeric user ids render as JSON numbers, as in the API document (<c>"user_id": 1</c>); others as strings.</summary>
    private static object UserId(string ownerId) =>
        long.TryParse(ownerId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number.ToString(CultureInfo.InvariantCulture) == ownerId
            ? number
            : ownerId;
}
