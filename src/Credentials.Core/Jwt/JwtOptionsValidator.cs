using Microsoft.Extensions.Options;

namespace Credentials.Jwt;

/// <summary>Checks the JWT section at start-up (when the host configured any of it), loading every key once to do so.</summary>
internal sealed class JwtOptionsValidator : IValidateOptions<CredentialsOptions>
{
    /// <summary>A year: far above the seed's 7 days, far below where date arithmetic overflows.</summary>
    internal static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, CredentialsOptions options)
    {
        var jwt = options.Jwt;
        if (!jwt.IsConfigured)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(jwt.Issuer))
        {
            failures.Add("Credentials:Jwt:Issuer is required: the iss claim every token carries and must match.");
        }

        if (string.IsNullOrWhiteSpace(jwt.Audience))
        {
            failures.Add("Credentials:Jwt:Audience is required: the aud claim every token carries and must match.");
        }

        if (jwt.Lifetime <= TimeSpan.Zero)
        {
            failures.Add("Credentials:Jwt:Lifetime must be positive.");
        }
        else if (jwt.Lifetime > MaximumLifetime)
        {
            // Beyond this, expiry and key-retirement arithmetic (now + lifetime) can overflow and throw mid-request.
            failures.Add($"Credentials:Jwt:Lifetime must be at most {MaximumLifetime.TotalDays} days; got {jwt.Lifetime}.");
        }

        if (jwt.ClockSkew < TimeSpan.Zero || jwt.ClockSkew > JwtOptions.MaximumClockSkew)
        {
            failures.Add($"Credentials:Jwt:ClockSkew must be between 0 and {JwtOptions.MaximumClockSkew.TotalMinutes} minutes.");
        }

        if (jwt.MaxTokenLength is < 256 or > 65_536)
        {
            failures.Add("Credentials:Jwt:MaxTokenLength must be between 256 and 65536 characters.");
        }

        if (jwt.ValidatedTokenCacheSize < 0)
        {
            failures.Add("Credentials:Jwt:ValidatedTokenCacheSize must be 0 (off) or more.");
        }

        ValidateKeys(jwt, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateKeys(JwtOptions jwt, List<string> failures)
    {
        if (jwt.SigningKeys.Count == 0)
        {
            if (!jwt.UseDevelopmentSigningKey)
            {
                failures.Add("Credentials:Jwt:SigningKeys needs a key (an HS256 Secret of at least 32 bytes, or an ES256/RS256 Pem or Jwk); Credentials:Jwt:UseDevelopmentSigningKey generates one for development only.");
            }

            return;
        }

        var keyIds = new HashSet<string>(StringComparer.Ordinal);
        var active = 0;
        for (var i = 0; i < jwt.SigningKeys.Count; i++)
        {
            var setting = $"Credentials:Jwt:SigningKeys:{i}";
            var configured = jwt.SigningKeys[i];
            if (configured is null)
            {
                failures.Add($"{setting} is empty.");
                continue;
            }

            if (!JwtSigningKeyLoader.TryLoad(configured, setting, out var key, out var error))
            {
                failures.Add(error!);
                continue;
            }

            if (!keyIds.Add(key!.KeyId))
            {
                failures.Add($"{setting} is the same key as an earlier entry.");
            }

            if (configured.State == JwtKeyState.Retiring && configured.RetiresAt is null)
            {
                failures.Add(RetiresAtRequired(setting));
            }
            else if (configured.State != JwtKeyState.Retiring && configured.RetiresAt is not null)
            {
                failures.Add($"{setting}:RetiresAt is only for a Retiring key; this one is {configured.State}.");
            }

            if (configured.State == JwtKeyState.Active)
            {
                active++;
                if (!key.HasPrivateKey)
                {
                    failures.Add($"{setting} is Active but has no private key, so it cannot sign.");
                }
            }
        }

        if (active != 1)
        {
            failures.Add($"Credentials:Jwt:SigningKeys must have exactly one key with State Active; it has {active}.");
        }
    }

    /// <summary>A retiring key with no end would validate for as long as the host runs, and start over at every restart.</summary>
    internal static string RetiresAtRequired(string setting) =>
        $"{setting}:RetiresAt must be set for a Retiring key: the instant it stops validating (when it stopped signing plus Lifetime and ClockSkew, or earlier), e.g. 2026-03-08T12:00:30Z.";
}
