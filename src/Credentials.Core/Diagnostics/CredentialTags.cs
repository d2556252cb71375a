using System.Collections.Frozen;
using System.Text.Json;

namespace Credentials.Diagnostics;

/// <summary>
/// The one place that turns the library's enums into the words its signals use: a credential kind or a failure reason
/// as its snake_case name (<c>api_key</c>, <c>web_token</c>, <c>owner_unavailable</c>, <c>invalid_signature</c>).
/// Metric and trace tags, log reasons and the ASP.NET Core handler's kind claim all come from here, so one reason
/// reads the same everywhere. Each word is made once per enum, so a lookup allocates nothing.
/// </summary>
public static class CredentialTags
{
    internal const string Kind = "credentials.kind";
    internal const string Outcome = "credentials.outcome";
    internal const string Reason = "credentials.reason";

    /// <summary>
    /// The snake_case name of <paramref name="value"/>: <see cref="CredentialKind.ApiKey"/> is <c>api_key</c>,
    /// a JWT's <c>InvalidSignature</c> failure is <c>invalid_signature</c>; <c>other</c> for a number
    /// the enum does not define (a host may cast any number to a failure enum).
    /// </summary>
    /// <typeparam name="TEnum">A credential kind or a failure enum (any enum works).</typeparam>
    /// <param name="value">The kind or reason.</param>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Names<TEnum>.SnakeCase.TryGetValue(value, out var tag) ? tag : "other";

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> SnakeCase = Enum.GetValues<TEnum>()
            .Distinct()
            .ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));
    }
}
