namespace Credentials.Client;

/// <summary>
/// A web token as the client received it: the token text and when it stops working. The fetch delegate returns it,
/// and an <see cref="IWebTokenCache"/> shares it. <see cref="ToString"/> never shows the token.
/// </summary>
/// <remarks>
/// A class rather than a record: a record's generated equality, <c>Deconstruct</c> and member printing would all
/// handle the token as ordinary data.
/// </remarks>
public sealed class FetchedWebToken
{
    /// <summary>A token and its expiry.</summary>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null or empty.</exception>
    public FetchedWebToken(string token, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Token = token;
        ExpiresAt = expiresAt;
    }

    /// <summary>The bearer secret to send; never log it.</summary>
    public string Token { get; }

    /// <summary>When the token stops working, as the server said.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The expiry as Unix seconds (UTC), the web token API's <c>expiresAt</c> JSON field.</summary>
    public long ExpiresAtUnixSeconds => ExpiresAt.ToUnixTimeSeconds();

    /// <summary>Reads the web token API's <c>{ token, expiresAt }</c> shape, where <c>expiresAt</c> is Unix seconds (UTC).</summary>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiresAt"/> is outside what a <see cref="DateTimeOffset"/> holds.</exception>
    public static FetchedWebToken FromUnixSeconds(string token, long expiresAt) =>
        new(token, DateTimeOffset.FromUnixTimeSeconds(expiresAt));

    /// <summary>Shows the expiry only: the token is a secret.</summary>
    public override string ToString() => $"FetchedWebToken {{ Token = (redacted), ExpiresAt = {ExpiresAt:O} }}";
}
