using Microsoft.Extensions.Options;

namespace Credentials.Secrets;

/// <summary>Checks <see cref="SecretHashingOptions"/>: pepper ids and lengths, and that the current pepper is one of them.</summary>
internal sealed class SecretHashingOptionsValidator : IValidateOptions<SecretHashingOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretHashingOptions options)
    {
        var peppers = $"{name}.{nameof(options.Peppers)}";
        var builder = new ValidateOptionsResultBuilder();
        foreach (var (id, pepper) in options.Peppers)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length > 32 || !id.All(char.IsAsciiLetterOrDigit))
            {
                builder.AddError($"{peppers}: a pepper id must be 1 to 32 ASCII letters or digits.");
            }

            if (pepper is null || pepper.Length < SecretHashingOptions.MinimumPepperBytes)
            {
                builder.AddError($"{peppers}[{id}] must be at least {SecretHashingOptions.MinimumPepperBytes} random bytes (base64 in configuration).");
            }
        }

        var currentPepperId = $"{name}.{nameof(options.CurrentPepperId)}";
        if (options.CurrentPepperId is { } current && !options.Peppers.ContainsKey(current))
        {
            builder.AddError($"{currentPepperId} names '{current}', which is not in {peppers}.");
        }

        if (options.CurrentPepperId is null && options.Peppers.Count > 0)
        {
            builder.AddError($"{currentPepperId} must name one of {peppers} to hash new secrets.");
        }

        return builder.Build();
    }
}
