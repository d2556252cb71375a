using Microsoft.Extensions.Options;

namespace Credentials.Jwt;

/// <summary>The cross-field rules of <see cref="ManagedSigningKeyOptions"/>, checked at start when key management is on.</summary>
internal static class ManagedSigningKeyOptionsValidator
{
    public static void Validate(string section, ManagedSigningKeyOptions options, ValidateOptionsResultBuilder builder)
    {
        if (options.Algorithm is not ("ES256" or "RS256"))
        {
            builder.AddError($"{section}.{nameof(options.Algorithm)} must be ES256 or RS256 (an HMAC secret cannot be published).");
        }

        if (options.RefreshInterval < ManagedSigningKeyOptions.MinimumRefreshInterval)
        {
            builder.AddError($"{section}.{nameof(options.RefreshInterval)} must be at least {ManagedSigningKeyOptions.MinimumRefreshInterval.TotalSeconds} second.");
        }

        if (options.UnknownKeyRefreshInterval < ManagedSigningKeyOptions.MinimumRefreshInterval || options.UnknownKeyRefreshInterval > options.RefreshInterval)
        {
            builder.AddError($"{section}.{nameof(options.UnknownKeyRefreshInterval)} must be between {ManagedSigningKeyOptions.MinimumRefreshInterval.TotalSeconds} second and {section}.{nameof(options.RefreshInterval)}.");
        }

        // A key must reach every instance (each reloads within twice the refresh interval) before it signs.
        if (options.PropagationTime < 2 * options.RefreshInterval)
        {
            builder.AddError($"{section}.{nameof(options.PropagationTime)} must be at least twice {section}.{nameof(options.RefreshInterval)}, so every instance loads a key before it signs.");
        }

        if (options.RotationInterval < options.PropagationTime || options.RotationInterval > JwtOptionsValidator.MaximumLifetime)
        {
            builder.AddError($"{section}.{nameof(options.RotationInterval)} must be between {section}.{nameof(options.PropagationTime)} and {JwtOptionsValidator.MaximumLifetime.TotalDays} days.");
        }
    }
}
