using Microsoft.Extensions.Options;

namespace Credentials.ApiKeys;

/// <summary>
/// Checks <see cref="ApiKeyOptions"/>: the data annotations on it, then what they cannot say (the prefix's shape, the
/// allowed permissions against the length limit, the time spans).
/// </summary>
internal sealed partial class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    private static readonly Annotations AnnotationValidator = new();

    /// <summary>The longest <see cref="ApiKeyOptions.MaxRollGracePeriod"/> accepted.</summary>
    private static readonly TimeSpan LongestRollGracePeriod = TimeSpan.FromDays(90);

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(AnnotationValidator.Validate(name, options));
        if (!ApiKeyFormat.IsValidPrefix(options.Prefix))
        {
            builder.AddError($"{name}.{nameof(options.Prefix)} must be 1 to {ApiKeyFormat.MaxPrefixLength} lowercase ASCII letters, digits or underscores, ending in '_' (for example '{ApiKeyOptions.DefaultPrefix}').");
        }

        if (options.AllowedPermissions?.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > options.MaxPermissionLength) == true)
        {
            builder.AddError($"{name}.{nameof(options.AllowedPermissions)} must hold non-empty names of at most {options.MaxPermissionLength} characters.");
        }

        if (options.LastUsedWriteInterval < TimeSpan.Zero)
        {
            builder.AddError($"{name}.{nameof(options.LastUsedWriteInterval)} must not be negative.");
        }

        if (options.MaxRollGracePeriod < TimeSpan.Zero || options.MaxRollGracePeriod > LongestRollGracePeriod)
        {
            builder.AddError($"{name}.{nameof(options.MaxRollGracePeriod)} must be between 0 and {LongestRollGracePeriod.TotalDays} days (the default is {ApiKeyOptions.DefaultMaxRollGracePeriod.TotalDays} days).");
        }

        if (options.VerificationCacheDuration < TimeSpan.Zero || options.VerificationCacheDuration > ApiKeyOptions.MaxVerificationCacheDuration)
        {
            builder.AddError($"{name}.{nameof(options.VerificationCacheDuration)} must be between 0 (off, the default) and {ApiKeyOptions.MaxVerificationCacheDuration.TotalMinutes} minutes.");
        }

        if (options.DefaultRateLimit is { } limit && ApiKeyRequestValidator.RateLimitProblem(limit) is { } problem)
        {
            builder.AddError($"{name}.{nameof(options.DefaultRateLimit)}: {problem}");
        }

        return builder.Build();
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<ApiKeyOptions>;
}
