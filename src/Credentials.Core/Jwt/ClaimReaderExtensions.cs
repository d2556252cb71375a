using System.Text.Json;

namespace Credentials.Jwt;

/// <summary>Small typed reads for claims, each false when the JSON value has the wrong type.</summary>
internal static class ClaimReaderExtensions
{
    public static bool TryGetNumericDate(this ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
        {
            return false;
        }

        value = seconds;
        return true;
    }

    public static bool TryGetText(this ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null;
    }
}
