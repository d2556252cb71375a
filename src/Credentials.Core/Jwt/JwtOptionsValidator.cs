using Microsoft.Extensions.Options;

namespace Credentials.Jwt;

/// <summary>
/// Checks the JWT section at start-up when the host configured any of it: the data annotations on
/// <see cref="JwtOptions"/> and its keys, the time spans, and every key, loaded once to do so.
/// </summary>
internal sealed partial class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    /// <summary>A year: far above the API's 7 days, far below where date arithmetic overflows.</summary>
    internal static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(365);

    private static readonly Annotations AnnotationValidator = new();

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Skip;
        }

        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(AnnotationValidator.Validate(name, options));
        if (options.Lifetime <= TimeSpan.Zero)
        {
            builder.AddError($"{name}.{nameof(options.Lifetime)} must be positive.");
        }
        else if (options.Lifetime > MaximumLifetime)
        {
            // Beyond this, expiry and key-retirement arithmetic (now + lifetime) can overflow and throw mid-request.
            builder.AddError($"{name}.{nameof(options.Lifetime)} must be at most {MaximumLifetime.TotalDays} days; got {options.Lifetime}.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > JwtOptions.MaximumClockSkew)
        {
            builder.AddError($"{name}.{nameof(options.ClockSkew)} must be between 0 and {JwtOptions.MaximumClockSkew.TotalMinutes} minutes.");
        }

        ValidateKeys(name, options, builder);
        if (options.ManagedSigningKeys.Enabled)
        {
            ManagedSigningKeyOptionsValidator.Validate($"{name}.{nameof(options.ManagedSigningKeys)}", options.ManagedSigningKeys, builder);
        }

        return builder.Build();
    }

    /// <summary>A retiring key with no end would validate for as long as the host runs, and start over at every restart.</summary>
    internal static string RetiresAtRequired(string setting) =>
        $"{setting}:RetiresAt must be set for a Retiring key: the instant it stops validating (when it stopped signing plus Lifetime and ClockSkew, or earlier), e.g. 2026-03-08T12:00:30Z.";

    private static void ValidateKeys(string? name, JwtOptions options, ValidateOptionsResultBuilder builder)
    {
        var signingKeys = $"{name}.{nameof(options.SigningKeys)}";
        var managed = options.ManagedSigningKeys.Enabled;
        if (managed && options.UseDevelopmentSigningKey)
        {
            builder.AddError($"{name}.{nameof(options.UseDevelopmentSigningKey)} and {name}.{nameof(options.ManagedSigningKeys)} cannot both be on: managed keys already need no configuration.");
        }

        if (options.SigningKeys.Count == 0)
        {
            if (!options.UseDevelopmentSigningKey && !managed)
            {
                builder.AddError($"{signingKeys} needs a key (an HS256 Secret of at least 32 bytes, or an ES256/RS256 Pem or Jwk); {name}.{nameof(options.UseDevelopmentSigningKey)} generates one for development only.");
            }

            return;
        }

        var keyIds = new HashSet<string>(StringComparer.Ordinal);
        var active = 0;
        var pending = 0;
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var setting = $"{signingKeys}[{i}]";
            var configured = options.SigningKeys[i];
            if (configured is null)
            {
                continue; // [ValidateEnumeratedItems] reports it.
            }

            if (!JwtSigningKeyLoader.TryLoad(configured, setting, out var key, out var error))
            {
                builder.AddError(error!);
                continue;
            }

            if (!keyIds.Add(key!.KeyId))
            {
                builder.AddError($"{setting} is the same key as an earlier entry.");
            }

            if (configured.State == JwtKeyState.Retiring && configured.RetiresAt is null)
            {
                builder.AddError(RetiresAtRequired(setting));
            }
            else if (configured.State != JwtKeyState.Retiring && configured.RetiresAt is not null)
            {
                builder.AddError($"{setting}:RetiresAt is only for a Retiring key; this one is {configured.State}.");
            }

            if (configured.State == JwtKeyState.Pending)
            {
                pending++;
            }

            if (configured.State == JwtKeyState.Active)
            {
                active++;
                if (!key.HasPrivateKey)
                {
                    builder.AddError($"{setting} is Active but has no private key, so it cannot sign.");
                }
            }
        }

        if (managed)
        {
            if (active + pending > 0)
            {
                builder.AddError($"{signingKeys} may hold only Retiring keys while {name}.{nameof(options.ManagedSigningKeys)} is on: managed keys sign.");
            }
        }
        else if (active != 1)
        {
            builder.AddError($"{signingKeys} must have exactly one key with State Active; it has {active}.");
        }
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<JwtOptions>;
}
