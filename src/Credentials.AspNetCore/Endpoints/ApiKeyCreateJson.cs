using System.Globalization;
using System.Text.Json;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Reads the create-key body by hand rather than by model binding, so a wrong JSON type becomes a field error in the
/// API's 422 shape (worded as the API document's "The name field is required.") instead of a 400 or a 500.
/// </summary>
internal static class ApiKeyCreateJson
{
    public static ApiKeyCreateInput? Read(JsonElement root, FieldErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The request body must be a JSON object.");
            return null;
        }

        var name = ReadString(root, "name", errors);
        var expiresAt = ReadTimestamp(root, "expires_at", errors);
        var permissions = ReadStringArray(root, "permissions", errors);
        var metadata = ReadObject(root, "metadata", errors);
        var isActive = ReadBoolean(root, "is_active", errors) ?? true;
        var userId = ReadId(root, "user_id", errors);
        var rateLimits = ApiKeyMeteringJson.ReadRateLimits(root, errors);
        var credits = ApiKeyMeteringJson.ReadCredits(root, errors);
        return errors.Count == 0 ? new ApiKeyCreateInput(name, expiresAt, permissions, metadata, isActive, userId, rateLimits, credits) : null;
    }

    private static bool TryGet(JsonElement root, string field, out JsonElement value) =>
        root.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? ReadString(JsonElement root, string field, FieldErrors errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add(field, $"The {field} field must be a string.");
        return null;
    }

    private static DateTimeOffset? ReadTimestamp(JsonElement root, string field, FieldErrors errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && ApiTimestampFormat.TryParse(value.GetString()!, out var timestamp))
        {
            return timestamp;
        }

        errors.Add(field, $"The {field} field must be a valid date (for example 2026-12-31T23:59:59.000000Z).");
        return null;
    }

    private static List<string>? ReadStringArray(JsonElement root, string field, FieldErrors errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"The {field} field must be an array.");
            return null;
        }

        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
            else
            {
                errors.Add($"{field}.{index}", $"The {field}.{index} field must be a string.");
            }

            index++;
        }

        return items;
    }

    private static string? ReadObject(JsonElement root, string field, FieldErrors errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return value.GetRawText();
        }

        errors.Add(field, $"The {field} field must be an object.");
        return null;
    }

    private static bool? ReadBoolean(JsonElement root, string field, FieldErrors errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(field, $"The {field} field must be true or false.");
        return null;
    }

    /// <summary>User ids may be numbers (as in the API document) or strings.</summary>
    private static string? ReadId(JsonElement root, string field, FieldErrors errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString() is { Length: > 0 } text:
                return text;
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            default:
                errors.Add(field, $"The {field} field must be a user id.");
                return null;
        }
    }
}
