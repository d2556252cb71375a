using Credentials.Secrets;
using Credentials.WebTokens;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Storage;

/// <summary>
/// The web-token key layout under a prefix: <c>wt:s:{subject}</c> holds the subject's current token hash (its slot),
/// <c>wt:h:{hex hash}</c> the token's record (its index entry), and the sorted set <c>wt:expiries</c> each subject's
/// current expiry for purging.
/// </summary>
internal sealed class WebTokenKeys(string prefix)
{
    public string SlotPrefix { get; } = prefix + "wt:s:";

    public string IndexPrefix { get; } = prefix + "wt:h:";

    public RedisKey Expiries { get; } = prefix + "wt:expiries";

    /// <summary>The subject's slot; subjects are bounded like the service bounds them, so no key grows unbounded.</summary>
    public RedisKey Slot(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Length > WebTokenOptions.MaximumSubjectLength)
        {
            throw new ArgumentException($"A subject is at most {WebTokenOptions.MaximumSubjectLength} characters.", nameof(subject));
        }

        return SlotPrefix + subject;
    }

    public RedisKey Index(string hashHex) => IndexPrefix + hashHex;

    /// <summary>The hash as 64 hex digits: how slots name their token and how index keys end.</summary>
    public static string Hex(SecretHash hash)
    {
        Span<byte> digest = stackalloc byte[SecretHash.Length];
        hash.CopyTo(digest);
        return Convert.ToHexString(digest);
    }
}
