using Credentials.Secrets;

namespace Credentials.Sessions;

/// <summary>
/// A refresh token is 43 base62 characters from the CSPRNG (256 bits): opaque, and told from garbage by its shape
/// alone, so a wrong length or alphabet costs no hash and no store call.
/// </summary>
internal static class RefreshTokenFormat
{
    public const int Length = 43;

    public static string Create(ISecretRandom random)
    {
        Span<char> text = stackalloc char[Length];
        SecretEncoding.FillRandomBase62(random, text);
        var token = new string(text);
        text.Clear();
        return token;
    }

    public static bool IsWellFormed(string? token) => token is { Length: Length } && SecretEncoding.IsBase62(token);
}
