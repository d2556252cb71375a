using System.Globalization;
using Credentials.ApiKeys;
using Microsoft.AspNetCore.Http;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The rate-limit fields of draft-ietf-httpapi-ratelimit-headers-07 (<c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>,
/// <c>RateLimit-Reset</c> in delta seconds), the last draft with three separate fields, which is what clients and
/// gateways read today; later drafts fold them into one structured <c>RateLimit</c> field.
/// </summary>
internal static class RateLimitHeaders
{
    public const string Limit = "RateLimit-Limit";
    public const string Remaining = "RateLimit-Remaining";
    public const string Reset = "RateLimit-Reset";

    /// <summary>Writes the standing of a key's tightest limit; nothing for a key without limits.</summary>
    public static void Write(IHeaderDictionary headers, ApiKeyRateLimitStatus? status)
    {
        if (status is null)
        {
            return;
        }

        headers[Limit] = status.Limit.ToString(CultureInfo.InvariantCulture);
        headers[Remaining] = status.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[Reset] = Seconds(status.ResetAfter);
    }

    /// <summary>Whole seconds, rounded up, so a client waiting that long never comes back early.</summary>
    public static string Seconds(TimeSpan span) =>
        ((long)Math.Ceiling(Math.Max(0, span.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
}
