using System.ComponentModel.DataAnnotations;

namespace Credentials.WebTokens;

/// <summary>Web token length and lifetime.</summary>
public sealed class WebTokenOptions
{
    /// <summary>The fewest random bytes a token may carry: 128 bits, the floor for an unguessable bearer secret.</summary>
    public const int MinimumTokenBytes = 16;

    /// <summary>The most random bytes a token may carry (128 hex characters).</summary>
    public const int MaximumTokenBytes = 64;

    /// <summary>The longest <see cref="Lifetime"/> allowed: a bearer token that lives longer is an API key in disguise.</summary>
    public static TimeSpan MaximumLifetime { get; } = TimeSpan.FromDays(30);

    /// <summary>The longest <see cref="MaxSubjectLength"/> allowed.</summary>
    public const int MaximumSubjectLength = 1024;

    /// <summary>
    /// Random bytes per token, rendered as twice as many lowercase hex characters. Default 20 (160 bits, 40 hex, as
    /// the web-token API shows); between <see cref="MinimumTokenBytes"/> and <see cref="MaximumTokenBytes"/>.
    /// Changing it rejects tokens of the old length as malformed, so change it only with a lifetime's notice.
    /// </summary>
    [Range(MinimumTokenBytes, MaximumTokenBytes)]
    public int TokenBytes { get; set; } = 20;

    /// <summary>How long a token works after it is issued. Default 1 hour; above zero and at most <see cref="MaximumLifetime"/>.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest subject (in UTF-16 code units) a token may be issued to. Default 256.</summary>
    [Range(1, MaximumSubjectLength)]
    public int MaxSubjectLength { get; set; } = 256;
}
