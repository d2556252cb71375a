using System.Globalization;
using System.Text;
using System.Text.Json;
using Credentials.Text;

namespace Credentials.ApiKeys;

/// <summary>
/// Checks a create request (and a metering change, by the same rules) against <see cref="ApiKeyOptions"/>. Messages use the API's field names and Laravel's
/// wording, so an HTTP layer can render the API's 422 body as is.
/// </summary>
internal sealed class ApiKeyRequestValidator(ApiKeyOptions options)
{
    public const string NameField = "name";
    public const string ExpiresAtField = "expires_at";
    public const string PermissionsField = "permissions";
    public const string MetadataField = "metadata";
    public const string OwnerField = "user_id";
    public const string RateLimitsField = "rate_limits";
    public const string CreditsField = "credits";

    /// <summary>The most rate limits one key may carry.</summary>
    public const int MaxRateLimits = 10;

    /// <summary>The longest rate-limit window: longer budgets are what credits with a refill are for.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    /// <summary>The longest refill interval (a year, leap or not).</summary>
    public static readonly TimeSpan MaxRefillInterval = TimeSpan.FromDays(366);

    /// <summary>The longest owner id accepted (a store column has to hold it).</summary>
    public const int MaxOwnerIdLength = 255;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    /// <summary>The cleaned request values, or the errors by field when any rule is broken.</summary>
    public Validated Validate(ApiKeyCreateRequest request, string ownerId, DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var name = ValidateName(request.Name, errors);
        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            Add(errors, ExpiresAtField, "The expires at field must be a date after now.");
        }

        var permissions = ValidatePermissions(request.Permissions, errors);
        ValidateMetadata(request.MetadataJson, errors);
        var rateLimits = ValidateRateLimits(request.RateLimits, errors);
        var credits = ValidateCredits(request.Credits, now, errors);
        if (string.IsNullOrWhiteSpace(ownerId))
        {
            Add(errors, OwnerField, "The user id field is required.");
        }
        else if (ownerId.Length > MaxOwnerIdLength || !UnicodeText.IsPrintable(ownerId))
        {
            Add(errors, OwnerField, $"The user id field must be at most {MaxOwnerIdLength} printable characters.");
        }

        if (errors.Count > 0)
        {
            return new Validated(null, [], [], null, errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal));
        }

        return new Validated(name, permissions, rateLimits, credits, null);
    }

    /// <summary>A metering change's cleaned values (null: keep), or the errors by field; a change must change something.</summary>
    public static ValidatedMetering ValidateMetering(ApiKeyMeteringRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rateLimits = request.RateLimits is null ? null : ValidateRateLimits(request.RateLimits, errors);
        var credits = ValidateCredits(request.Credits, now, errors);
        if (request.RemoveCredits && request.Credits is not null)
        {
            Add(errors, CreditsField, "The credits field cannot both be set and removed.");
        }
        else if (request.RateLimits is null && request.Credits is null && !request.RemoveCredits)
        {
            Add(errors, RateLimitsField, "The rate_limits field is required when credits is not present.");
        }

        return errors.Count > 0
            ? new ValidatedMetering(null, null, errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal))
            : new ValidatedMetering(rateLimits, credits, null);
    }

    private string? ValidateName(string? raw, Dictionary<string, List<string>> errors)
    {
        var name = raw?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            Add(errors, NameField, "The name field is required.");
            return null;
        }

        if (name.Length > options.MaxNameLength)
        {
            Add(errors, NameField, $"The name field must not be greater than {options.MaxNameLength} characters.");
        }
        else if (!UnicodeText.IsPrintable(name))
        {
            Add(errors, NameField, "The name field must not contain control characters or unpaired surrogates.");
        }

        return name;
    }

    private string[] ValidatePermissions(IReadOnlyList<string?>? raw, Dictionary<string, List<string>> errors)
    {
        if (raw is null || raw.Count == 0)
        {
            return [];
        }

        if (raw.Count > options.MaxPermissions)
        {
            Add(errors, PermissionsField, $"The permissions field must not have more than {options.MaxPermissions} items.");
            return [];
        }

        var kept = new List<string>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var permission = raw[i];
            if (string.IsNullOrWhiteSpace(permission))
            {
                Add(errors, PermissionsField, $"The permissions.{i} field is required.");
            }
            else if (permission.Length > options.MaxPermissionLength || !UnicodeText.IsPrintable(permission))
            {
                Add(errors, PermissionsField, $"The permissions.{i} field must be at most {options.MaxPermissionLength} printable characters.");
            }
            else if (options.AllowedPermissions is { } allowed && !allowed.Contains(permission))
            {
                Add(errors, PermissionsField, $"The selected permissions.{i} is invalid.");
            }
            else if (!kept.Contains(permission, StringComparer.Ordinal))
            {
                kept.Add(permission);
            }
        }

        return [.. kept];
    }

    private void ValidateMetadata(string? json, Dictionary<string, List<string>> errors)
    {
        if (json is null)
        {
            return;
        }

        // A char is at least one UTF-8 byte, so the length test bounds the work before counting bytes.
        if (json.Length > options.MaxMetadataBytes || Encoding.UTF8.GetByteCount(json) > options.MaxMetadataBytes)
        {
            Add(errors, MetadataField, $"The metadata field must not be greater than {options.MaxMetadataBytes} bytes.");
            return;
        }

        if (!UnicodeText.IsPrintable(json, allowTabsAndLineBreaks: true) || !IsJsonObject(json))
        {
            Add(errors, MetadataField, "The metadata field must be a JSON object.");
        }
    }

    /// <summary>What is wrong with a rate limit (as "name ...", "limit ..." or "window ..."), or null; shared with the options' default.</summary>
    internal static string? RateLimitProblem(ApiKeyRateLimit limit)
    {
        if (string.IsNullOrWhiteSpace(limit.Name) || limit.Name.Length > ApiKeyRateLimit.MaxNameLength || !UnicodeText.IsPrintable(limit.Name))
        {
            return $"name must be 1 to {ApiKeyRateLimit.MaxNameLength} printable characters.";
        }

        if (limit.Limit < 1)
        {
            return "limit must be at least 1.";
        }

        return IsWholeSecondsUpTo(limit.Window, MaxWindow) ? null : $"window_seconds must be a whole number from 1 to {MaxWindow.TotalSeconds}.";
    }

    private static ApiKeyRateLimit[] ValidateRateLimits(IReadOnlyList<ApiKeyRateLimit?>? raw, Dictionary<string, List<string>> errors)
    {
        if (raw is null || raw.Count == 0)
        {
            return [];
        }

        if (raw.Count > MaxRateLimits)
        {
            Add(errors, RateLimitsField, $"The rate_limits field must not have more than {MaxRateLimits} items.");
            return [];
        }

        var kept = new List<ApiKeyRateLimit>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            if (raw[i] is not { } limit)
            {
                Add(errors, RateLimitsField, $"The rate_limits.{i} field is required.");
            }
            else if (RateLimitProblem(limit) is { } problem)
            {
                Add(errors, RateLimitsField, $"The rate_limits.{i}.{problem}");
            }
            else if (kept.Exists(k => string.Equals(k.Name, limit.Name, StringComparison.Ordinal)))
            {
                Add(errors, RateLimitsField, $"The rate_limits.{i}.name has already been taken.");
            }
            else
            {
                kept.Add(limit);
            }
        }

        return [.. kept];
    }

    private static ApiKeyCredits? ValidateCredits(ApiKeyCredits? raw, DateTimeOffset now, Dictionary<string, List<string>> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Remaining < 0)
        {
            Add(errors, CreditsField, "The credits.remaining field must be at least 0.");
        }

        if (raw.Refill is { } refill)
        {
            if (refill.Amount < 1)
            {
                Add(errors, CreditsField, "The credits.refill.amount field must be at least 1.");
            }

            if (!IsWholeSecondsUpTo(refill.Interval, MaxRefillInterval))
            {
                Add(errors, CreditsField, $"The credits.refill.interval_seconds field must be a whole number from 1 to {MaxRefillInterval.TotalSeconds}.");
            }
        }

        return raw with { RefilledAt = raw.Refill is null ? null : now };
    }

    private static bool IsWholeSecondsUpTo(TimeSpan span, TimeSpan max) =>
        span >= TimeSpan.FromSeconds(1) && span <= max && span.Ticks % TimeSpan.TicksPerSecond == 0;

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, JsonOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Either the cleaned values of a metering change (each null when kept; <see cref="Errors"/> null) or the errors.</summary>
    internal readonly record struct ValidatedMetering(
        ApiKeyRateLimit[]? RateLimits, ApiKeyCredits? Credits, IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors);

    /// <summary>Either the cleaned values (<see cref="Errors"/> null) or the errors.</summary>
    internal readonly record struct Validated(
        string? Name, string[] Permissions, ApiKeyRateLimit[] RateLimits, ApiKeyCredits? Credits, IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors);
}
