using System.Text.Json;
using Credentials.ApiKeys;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// The create body's, the metering change's and the key's <c>rate_limits</c> and <c>credits</c>, read by hand like the rest of the body (a
/// wrong JSON type is a 422 field error; ranges are the service's to check) and rendered only for keys that have them,
/// so a key without either reads exactly as before.
/// </summary>
internal static class ApiKeyMeteringJson
{
    public const string RateLimitsField = "rate_limits";
    public const string CreditsField = "credits";

    public static List<ApiKeyRateLimit?>? ReadRateLimits(JsonElement root, FieldErrors errors)
    {
        if (!TryGet(root, RateLimitsField, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(RateLimitsField, $"The {RateLimitsField} field must be an array.");
            return null;
        }

        var limits = new List<ApiKeyRateLimit?>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"{RateLimitsField}.{index++}";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(field, $"The {field} field must be an object.");
                limits.Add(null);
                continue;
            }

            var name = ReadName(item, field, errors);
            var limit = ReadWhole(item, field, "limit", errors);
            var window = ReadWhole(item, field, "window_seconds", errors);
            limits.Add(new ApiKeyRateLimit { Name = name, Limit = (int)(limit ?? 0), Window = TimeSpan.FromSeconds(window ?? 0) });
        }

        return limits;
    }

    public static ApiKeyCredits? ReadCredits(JsonElement root, FieldErrors errors)
    {
        if (!TryGet(root, CreditsField, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(CreditsField, $"The {CreditsField} field must be an object.");
            return null;
        }

        var remaining = ReadCount(value, CreditsField, "remaining", errors);
        ApiKeyCreditRefill? refill = null;
        if (TryGet(value, "refill", out var refillValue))
        {
            const string refillField = CreditsField + ".refill";
            if (refillValue.ValueKind != JsonValueKind.Object)
            {
                errors.Add(refillField, $"The {refillField} field must be an object.");
            }
            else
            {
                var amount = ReadCount(refillValue, refillField, "amount", errors);
                var interval = ReadWhole(refillValue, refillField, "interval_seconds", errors);
                refill = new ApiKeyCreditRefill { Amount = amount ?? 0, Interval = TimeSpan.FromSeconds(interval ?? 0) };
            }
        }

        return new ApiKeyCredits { Remaining = remaining ?? 0, Refill = refill };
    }

    /// <summary>
    /// The body of <c>PATCH {uuid}</c>: an absent field keeps what the key has; <c>"rate_limits": null</c> or <c>[]</c>
    /// removes its limits and <c>"credits": null</c> its credits. Null when the body is not an object or a type is wrong.
    /// </summary>
    public static ApiKeyMeteringRequest? ReadChange(JsonElement root, FieldErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The request body must be a JSON object.");
            return null;
        }

        var hasLimits = root.TryGetProperty(RateLimitsField, out var limits);
        var hasCredits = root.TryGetProperty(CreditsField, out var credits);
        var request = new ApiKeyMeteringRequest
        {
            RateLimits = hasLimits && limits.ValueKind == JsonValueKind.Null ? [] : ReadRateLimits(root, errors),
            Credits = ReadCredits(root, errors),
            RemoveCredits = hasCredits && credits.ValueKind == JsonValueKind.Null,
        };
        return errors.Count == 0 ? request : null;
    }

    /// <summary>Adds <c>rate_limits</c> and <c>credits</c> to a rendered key, each only when the key has it.</summary>
    public static void Render(ApiKey key, Dictionary<string, object?> json)
    {
        if (key.RateLimits.Count > 0)
        {
            json[RateLimitsField] = key.RateLimits.Select(l => new Dictionary<string, object?>
            {
                ["name"] = l.Name,
                ["limit"] = l.Limit,
                ["window_seconds"] = (long)l.Window.TotalSeconds,
            }).ToList();
        }

        if (key.Credits is { } credits)
        {
            json[CreditsField] = new Dictionary<string, object?>
            {
                ["remaining"] = credits.Remaining,
                ["refill"] = credits.Refill is { } refill
                    ? new Dictionary<string, object?>
                    {
                        ["amount"] = refill.Amount,
                        ["interval_seconds"] = (long)refill.Interval.TotalSeconds,
                        ["refilled_at"] = ApiTimestampFormat.Format(credits.RefilledAt),
                    }
                    : null,
            };
        }
    }

    private static bool TryGet(JsonElement element, string field, out JsonElement value) =>
        element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The limit's name; <c>default</c> when absent.</summary>
    private static string ReadName(JsonElement item, string parent, FieldErrors errors)
    {
        if (!TryGet(item, "name", out var value))
        {
            return "default";
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        errors.Add($"{parent}.name", $"The {parent}.name field must be a string.");
        return string.Empty;
    }

    /// <summary>A required whole number of at most int.MaxValue (a limit, or seconds).</summary>
    private static long? ReadWhole(JsonElement item, string parent, string field, FieldErrors errors)
    {
        if (TryGet(item, field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        errors.Add($"{parent}.{field}", $"The {parent}.{field} field must be an integer.");
        return null;
    }

    /// <summary>A required count of credits (64-bit).</summary>
    private static long? ReadCount(JsonElement item, string parent, string field, FieldErrors errors)
    {
        if (TryGet(item, field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        errors.Add($"{parent}.{field}", $"The {parent}.{field} field must be an integer.");
        return null;
    }
}
