using Microsoft.Extensions.Options;

namespace Credentials.Users;

internal sealed class PasswordHashingOptionsValidator : IValidateOptions<CredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, CredentialsOptions options)
    {
        var passwords = options.Passwords;
        var failures = new List<string>();
        if (passwords.Iterations < PasswordHashingOptions.MinimumIterations)
        {
            failures.Add($"Credentials:Passwords:Iterations must be at least {PasswordHashingOptions.MinimumIterations} (default {PasswordHashingOptions.DefaultIterations}, OWASP's PBKDF2-HMAC-SHA256 figure).");
        }

        if (passwords.MaxPasswordLength is < PasswordHashingOptions.MinimumMaxPasswordLength or > PasswordHashingOptions.LargestMaxPasswordLength)
        {
            failures.Add($"Credentials:Passwords:MaxPasswordLength must be between {PasswordHashingOptions.MinimumMaxPasswordLength} and {PasswordHashingOptions.LargestMaxPasswordLength} characters (default {PasswordHashingOptions.DefaultMaxPasswordLength}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
