using Microsoft.Extensions.Options;

namespace Credentials.WebTokens;

/// <summary>Checks <see cref="WebTokenOptions"/>: the data annotations on it, then the lifetime's bounds.</summary>
internal sealed partial class WebTokenOptionsValidator : IValidateOptions<WebTokenOptions>
{
    private static readonly Annotations AnnotationValidator = new();

    public ValidateOptionsResult Validate(string? name, WebTokenOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(AnnotationValidator.Validate(name, options));
        if (options.Lifetime <= TimeSpan.Zero || options.Lifetime > WebTokenOptions.MaximumLifetime)
        {
            builder.AddError($"{name}.{nameof(options.Lifetime)} must be above zero and at most {WebTokenOptions.MaximumLifetime.TotalDays} days; got {options.Lifetime}.");
        }

        return builder.Build();
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<WebTokenOptions>;
}
