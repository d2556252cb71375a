using Microsoft.Extensions.Options;

namespace Credentials.WebTokens;

internal sealed class WebTokenOptionsValidator : IValidateOptions<CredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, CredentialsOptions options)
    {
        var webTokens = options.WebTokens;
        var failures = new List<string>();
        if (webTokens.TokenBytes is < WebTokenOptions.MinimumTokenBytes or > WebTokenOptions.MaximumTokenBytes)
        {
            failures.Add($"Credentials:WebTokens:TokenBytes must be between {WebTokenOptions.MinimumTokenBytes} and {WebTokenOptions.MaximumTokenBytes} (128 to 512 bits); got {webTokens.TokenBytes}.");
        }

        if (webTokens.Lifetime <= TimeSpan.Zero || webTokens.Lifetime > WebTokenOptions.MaximumLifetime)
        {
            failures.Add($"Credentials:WebTokens:Lifetime must be above zero and at most {WebTokenOptions.MaximumLifetime.TotalDays} days; got {webTokens.Lifetime}.");
        }

        if (webTokens.MaxSubjectLength is < 1 or > WebTokenOptions.MaximumSubjectLength)
        {
            failures.Add($"Credentials:WebTokens:MaxSubjectLength must be between 1 and {WebTokenOptions.MaximumSubjectLength}; got {webTokens.MaxSubjectLength}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
