namespace Credentials.AspNetCore.Tests.Interop;

/// <summary>What a JWKS consumer said of one token: accepted, or refused for a reason (<see cref="UnknownKey"/>, <see cref="Expired"/>, or the consumer's own word).</summary>
/// <param name="Accepted">True when the consumer accepted the token.</param>
/// <param name="Reason">Why not; empty when accepted.</param>
public sealed record Verdict(bool Accepted, string Reason)
{
    /// <summary>The token's <c>kid</c> is in no key the consumer holds.</summary>
    public const string UnknownKey = "unknown_key";

    /// <summary>The token's lifetime is over.</summary>
    public const string Expired = "expired";

    public static readonly Verdict Accept = new(true, "");

    public static Verdict Refuse(string reason) => new(false, reason);
}
