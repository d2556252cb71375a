namespace Credentials.Secrets;

/// <summary>
/// How API keys and web tokens are hashed before they are stored. Both are high-entropy secrets, so a fast hash is
/// the right one: HMAC-SHA-256 under a server-side pepper when one is configured, plain SHA-256 otherwise. A pepper
/// kept outside the database means a stolen table of hashes cannot even be checked against guesses.
/// </summary>
public sealed class SecretHashingOptions
{
    /// <summary>Minimum pepper length in bytes (the HMAC-SHA-256 block of security, 256 bits).</summary>
    public const int MinimumPepperBytes = 32;

    /// <summary>
    /// Pepper keys by id (at least 32 random bytes each; from configuration, a base64 string). Keep retired peppers
    /// here as long as records hashed with them exist: every stored record names the pepper that hashed it.
    /// Empty (the default) means plain SHA-256.
    /// </summary>
    public IDictionary<string, byte[]> Peppers { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>The id in <see cref="Peppers"/> that hashes new secrets. Required when any pepper is configured.</summary>
    public string? CurrentPepperId { get; set; }
}
