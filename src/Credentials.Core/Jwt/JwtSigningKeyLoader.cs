using System.Security.Cryptography;
using System.Text.Json;

namespace Credentials.Jwt;

/// <summary>
/// Builds <see cref="JwtSigningKey"/>s: from configuration by <see cref="TryLoad"/>, which reports problems as messages
/// for start-up validation instead of throwing, or made at start for development.
/// </summary>
internal static class JwtSigningKeyLoader
{
    /// <summary>An ES256 key made now, for <see cref="JwtOptions.UseDevelopmentSigningKey"/>.</summary>
    public static JwtSigningKey CreateDevelopmentKey() => Es256KeyLoader.FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256), hasPrivateKey: true);

    /// <summary>Loads a configured key; on failure <paramref name="error"/> says what is wrong with the named setting.</summary>
    public static bool TryLoad(JwtSigningKeyOptions options, string setting, out JwtSigningKey? key, out string? error)
    {
        key = null;
        error = null;
        var sources = (options.Secret is null ? 0 : 1) + (options.Pem is null ? 0 : 1) + (options.Jwk is null ? 0 : 1);
        if (sources != 1)
        {
            error = $"{setting} must set exactly one of Secret (HS256), Pem or Jwk.";
            return false;
        }

        try
        {
            error = options.Algorithm switch
            {
                "HS256" => Hs256KeyLoader.Load(options, setting, out key),
                "ES256" => Es256KeyLoader.Load(options, setting, out key),
                "RS256" => Rs256KeyLoader.Load(options, setting, out key),
                _ => $"{setting}:Algorithm must be HS256, ES256 or RS256.",
            };
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or JsonException or FormatException)
        {
            // The exception text may quote key material, so it is not passed on.
            error = $"{setting} could not be read as a {options.Algorithm} key.";
        }

        return error is null;
    }
}
