namespace Credentials.Login;

/// <summary>
/// The fixed-size keys one login attempt is counted under: never a raw username, so no key grows with what a client
/// sends and no store of counts holds usernames. The ASP.NET Core throttle makes them: 128 bits of SHA-256 of the
/// trimmed, upper-cased username (24 base64 characters), and the client's IPv4 address or IPv6 /64.
/// </summary>
/// <param name="Username">The username's key.</param>
/// <param name="Address">The client address's key.</param>
public readonly record struct LoginFailureKeys(string Username, string Address)
{
    /// <summary>The longest key a counter has to hold; longer ones are a caller's bug.</summary>
    public const int MaximumKeyLength = 64;
}
