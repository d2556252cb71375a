using System.Globalization;
using System.Text.RegularExpressions;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// The API's timestamp format, as the API-key creation API writes it (<c>2026-12-31T23:59:59.000000Z</c>: UTC,
/// microseconds), and the RFC 3339 forms accepted on input. Anything looser ("12/31/2026", "tomorrow") is a validation error.
/// </summary>
internal static partial class ApiTimestampFormat
{
    private const string OutputFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(OutputFormat, CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339().IsMatch(text) &&
               DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    // \z, not $: $ also matches before a trailing newline.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Rfc3339();
}
