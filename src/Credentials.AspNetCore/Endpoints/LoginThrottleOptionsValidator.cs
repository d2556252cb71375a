using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Endpoints;

internal sealed class LoginThrottleOptionsValidator : IValidateOptions<CredentialsEndpointOptions>
{
    private const string Prefix = "CredentialsEndpointOptions.LoginThrottle.";

    public ValidateOptionsResult Validate(string? name, CredentialsEndpointOptions options)
    {
        var throttle = options.LoginThrottle;
        var failures = new List<string>();
        if (throttle.FailuresPerUsername < 1)
        {
            failures.Add($"{Prefix}FailuresPerUsername must be at least 1 (default 5).");
        }

        if (throttle.FailuresPerAddress < 1)
        {
            failures.Add($"{Prefix}FailuresPerAddress must be at least 1 (default 20).");
        }

        if (throttle.Window <= TimeSpan.Zero || throttle.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}Window must be longer than zero and at most one day (default 15 minutes).");
        }

        if (throttle.MaxPartitions is < LoginThrottleOptions.MinimumMaxPartitions or > LoginThrottleOptions.LargestMaxPartitions)
        {
            failures.Add($"{Prefix}MaxPartitions must be between {LoginThrottleOptions.MinimumMaxPartitions} and {LoginThrottleOptions.LargestMaxPartitions} (default {LoginThrottleOptions.DefaultMaxPartitions}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
