using Microsoft.Extensions.Options;

namespace Credentials.Secrets;

internal sealed class SecretHashingOptionsValidator : IValidateOptions<CredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, CredentialsOptions options)
    {
        var hashing = options.Hashing;
        var failures = new List<string>();
        foreach (var (id, pepper) in hashing.Peppers)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length > 32 || !id.All(char.IsAsciiLetterOrDigit))
            {
                failures.Add("Credentials:Hashing:Peppers: a pepper id must be 1 to 32 ASCII letters or digits.");
            }

            if (pepper is null || pepper.Length < SecretHashingOptions.MinimumPepperBytes)
            {
                failures.Add($"Credentials:Hashing:Peppers:{id} must be at least {SecretHashingOptions.MinimumPepperBytes} random bytes (base64 in configuration).");
            }
        }

        if (hashing.CurrentPepperId is { } current && !hashing.Peppers.ContainsKey(current))
        {
            failures.Add($"Credentials:Hashing:CurrentPepperId names '{current}', which is not in Credentials:Hashing:Peppers.");
        }

        if (hashing.CurrentPepperId is null && hashing.Peppers.Count > 0)
        {
            failures.Add("Credentials:Hashing:CurrentPepperId must name one of Credentials:Hashing:Peppers to hash new secrets.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
