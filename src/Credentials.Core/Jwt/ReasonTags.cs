using System.Text.Json;

namespace Credentials.Jwt;

/// <summary>
/// Metric tag values for rejection reasons, in the snake_case the other credential kinds use (<c>invalid_signature</c>):
/// fixed strings made once, so tagging allocates nothing.
/// </summary>
internal static class ReasonTags
{
    private static readonly string[] Tags = [.. Enum.GetValues<JwtValidationFailure>().Select(f => JsonNamingPolicy.SnakeCaseLower.ConvertName(f.ToString()))];

    public static string Of(JwtValidationFailure failure) =>
        (int)failure is > 0 and var i && i <= Tags.Length ? Tags[i - 1] : "other";
}
