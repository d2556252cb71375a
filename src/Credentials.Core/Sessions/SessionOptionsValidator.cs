using Microsoft.Extensions.Options;

namespace Credentials.Sessions;

/// <summary>Checks <see cref="SessionOptions"/>: the data annotations on it, then the time spans' bounds.</summary>
internal sealed partial class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    private static readonly Annotations AnnotationValidator = new();

    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(AnnotationValidator.Validate(name, options));
        if (options.CheckInterval < TimeSpan.Zero || options.CheckInterval > SessionOptions.MaximumCheckInterval)
        {
            builder.AddError($"{name}.{nameof(options.CheckInterval)} must be between zero and {SessionOptions.MaximumCheckInterval.TotalMinutes} minutes; got {options.CheckInterval}.");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > options.RefreshTokenLifetime)
        {
            builder.AddError($"{name}.{nameof(options.AccessTokenLifetime)} must be above zero and at most {nameof(options.RefreshTokenLifetime)}; got {options.AccessTokenLifetime}.");
        }

        if (options.RefreshTokenLifetime <= TimeSpan.Zero || options.RefreshTokenLifetime > SessionOptions.MaximumRefreshTokenLifetime)
        {
            builder.AddError($"{name}.{nameof(options.RefreshTokenLifetime)} must be above zero and at most {SessionOptions.MaximumRefreshTokenLifetime.TotalDays} days; got {options.RefreshTokenLifetime}.");
        }

        return builder.Build();
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<SessionOptions>;
}
