namespace Credentials.WebTokens;

/// <summary>
/// A web token as handed to its holder: the token text and when it stops working. The issuing service returns it;
/// its holder reads it back from the <c>{ token, expiresAt }</c> JSON (Credentials.Client has its own type for that).
/// <see cref="ToString"/> never shows the token.
/// </summary>
public sealed class IssuedWebToken
{
    /// <summary>A token and its expiry.</summary>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null or empty.</exception>
    public IssuedWebToken(string token, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Token = token;
        ExpiresAt = expiresAt;
    }

    /// <summary>The bearer secret (40 lowercase hex by default). Hand it to its holder once; never log it.</summary>
    public string Token { get; }

    /// <summary>When the token stops working.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The expiry as Unix seconds (UTC), the web-token API's <c>expiresAt</c> JSON field.</summary>
    public long ExpiresAtUnixSeconds => ExpiresAt.ToUnixTimeSeconds();

    /// <summary>Reads the web-token API's <c>{ token, expiresAt }</c> shape, where <c>expiresAt</c> is Unix seconds (UTC).</summary>
    public static IssuedWebToken FromUnixSeconds(string token, long expiresAt) =>
        new(token, DateTimeOffset.FromUnixTimeSeconds(expiresAt));

    /// <summary>Shows the expiry only: the token is a secret.</summary>
    public override string ToString() => $"IssuedWebToken {{ Token = (redacted), ExpiresAt = {ExpiresAt:O} }}";
}
