namespace Credentials.Jwt;

/// <summary>A JWT just issued. <see cref="ToString"/> leaves the token out, so it cannot leak into a log.</summary>
public sealed class IssuedJwt
{
    internal IssuedJwt(string token, DateTimeOffset expiresAt, string keyId, string tokenId)
    {
        Token = token;
        ExpiresAt = expiresAt;
        KeyId = keyId;
        TokenId = tokenId;
    }

    /// <summary>The compact JWS to hand to the client.</summary>
    public string Token { get; }

    /// <summary>The token's <c>exp</c>.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The <c>kid</c> of the key that signed it.</summary>
    public string KeyId { get; }

    /// <summary>The token's <c>jti</c>.</summary>
    public string TokenId { get; }

    /// <summary>The token's ids and expiry, never the token.</summary>
    public override string ToString() => $"IssuedJwt {{ TokenId = {TokenId}, KeyId = {KeyId}, ExpiresAt = {ExpiresAt:O} }}";
}
