using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>Checks <see cref="LoginThrottleOptions"/>: the data annotations on it, then the window's bounds.</summary>
internal sealed partial class LoginThrottleOptionsValidator : IValidateOptions<LoginThrottleOptions>
{
    private static readonly Annotations AnnotationValidator = new();

    public ValidateOptionsResult Validate(string? name, LoginThrottleOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(AnnotationValidator.Validate(name, options));
        if (options.Window <= TimeSpan.Zero || options.Window > TimeSpan.FromDays(1))
        {
            builder.AddError($"{name}.{nameof(options.Window)} must be longer than zero and at most one day (default 15 minutes).");
        }

        return builder.Build();
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<LoginThrottleOptions>;
}
