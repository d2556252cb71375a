using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Hosting;

/// <summary>Checks <see cref="ExpiredCredentialPurgeOptions"/>: the interval's and the retention's bounds.</summary>
internal sealed class ExpiredCredentialPurgeOptionsValidator : IValidateOptions<ExpiredCredentialPurgeOptions>
{
    public ValidateOptionsResult Validate(string? name, ExpiredCredentialPurgeOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.Interval < ExpiredCredentialPurgeOptions.MinimumInterval || options.Interval > ExpiredCredentialPurgeOptions.MaximumInterval)
        {
            builder.AddError($"{nameof(ExpiredCredentialPurgeOptions)}.{nameof(options.Interval)} must be between 1 minute and 1 day (default 1 hour).");
        }

        if (options.ApiKeyRetention < TimeSpan.Zero || options.ApiKeyRetention > ExpiredCredentialPurgeOptions.MaximumApiKeyRetention)
        {
            builder.AddError($"{nameof(ExpiredCredentialPurgeOptions)}.{nameof(options.ApiKeyRetention)} must be between zero and 3650 days (default 30 days).");
        }

        return builder.Build();
    }
}
