using System.Text.Json;

namespace Credentials.Jwt;

/// <summary>Reads the string members of a JWK document.</summary>
internal static class JwkMembers
{
    /// <summary>The member's string value; null when the document is no object or the member is missing or no string.</summary>
    public static string? Get(JsonDocument jwk, string name) =>
        jwk.RootElement.ValueKind == JsonValueKind.Object &&
        jwk.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
