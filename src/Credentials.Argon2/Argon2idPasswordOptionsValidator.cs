using Microsoft.Extensions.Options;

namespace Credentials.Argon2;

/// <summary>Checks <see cref="Argon2idPasswordOptions"/>: the data annotations on it, then the work floor (once each bound holds).</summary>
internal sealed partial class Argon2idPasswordOptionsValidator : IValidateOptions<Argon2idPasswordOptions>
{
    private static readonly Annotations AnnotationValidator = new();

    public ValidateOptionsResult Validate(string? name, Argon2idPasswordOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        var annotations = AnnotationValidator.Validate(name ?? nameof(Argon2idPasswordOptions), options);
        builder.AddResult(annotations);
        if (annotations.Succeeded && (long)options.MemorySizeKiB * options.Iterations < Argon2idPasswordOptions.MinimumWork)
        {
            builder.AddError(
                $"{nameof(Argon2idPasswordOptions)}.{nameof(options.MemorySizeKiB)} × {nameof(options.Iterations)} must be at least " +
                $"{Argon2idPasswordOptions.MinimumWork} (OWASP's cheapest configuration, 7 MiB × 5 passes; the default is 19456 × 2).");
        }

        return builder.Build();
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<Argon2idPasswordOptions>;
}
