using Microsoft.Extensions.Options;

namespace Credentials.ApiKeys;

internal sealed class ApiKeyOptionsValidator : IValidateOptions<CredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, CredentialsOptions options)
    {
        var keys = options.ApiKeys;
        var failures = new List<string>();
        if (!ApiKeyFormat.IsValidPrefix(keys.Prefix))
        {
            failures.Add($"Credentials:ApiKeys:Prefix must be 1 to {ApiKeyFormat.MaxPrefixLength} lowercase ASCII letters, digits or underscores, ending in '_' (for example '{ApiKeyOptions.DefaultPrefix}').");
        }

        if (keys.SecretBits is < ApiKeyOptions.MinimumSecretBits or > ApiKeyOptions.MaximumSecretBits)
        {
            failures.Add($"Credentials:ApiKeys:SecretBits must be between {ApiKeyOptions.MinimumSecretBits} and {ApiKeyOptions.MaximumSecretBits}.");
        }

        if (keys.MaxNameLength < 1)
        {
            failures.Add("Credentials:ApiKeys:MaxNameLength must be at least 1.");
        }

        if (keys.MaxMetadataBytes < 2)
        {
            failures.Add("Credentials:ApiKeys:MaxMetadataBytes must be at least 2 (the size of '{}').");
        }

        if (keys.MaxPermissions < 0)
        {
            failures.Add("Credentials:ApiKeys:MaxPermissions must not be negative.");
        }

        if (keys.MaxPermissionLength < 1)
        {
            failures.Add("Credentials:ApiKeys:MaxPermissionLength must be at least 1.");
        }

        if (keys.AllowedPermissions?.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > keys.MaxPermissionLength) == true)
        {
            failures.Add($"Credentials:ApiKeys:AllowedPermissions must hold non-empty names of at most {keys.MaxPermissionLength} characters.");
        }

        if (keys.LastUsedWriteInterval < TimeSpan.Zero)
        {
            failures.Add("Credentials:ApiKeys:LastUsedWriteInterval must not be negative.");
        }

        if (keys.MaxRollGracePeriod < TimeSpan.Zero || keys.MaxRollGracePeriod > TimeSpan.FromDays(90))
        {
            failures.Add("Credentials:ApiKeys:MaxRollGracePeriod must be between 0 and 90 days (the default is 7 days).");
        }

        if (!Enum.IsDefined(keys.PermissionCeiling))
        {
            failures.Add("Credentials:ApiKeys:PermissionCeiling must be OwnerPermissions or KeyPermissions.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
