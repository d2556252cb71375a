using Microsoft.Extensions.Options;

namespace Credentials;

/// <summary>
/// Checks <see cref="CredentialsOptions"/> when the host starts: the data annotations on every section and the rules
/// each section's validator adds (named on its property in <see cref="CredentialsOptions"/>), all run by one
/// source-generated validator, with messages that name the configuration key to change (<see cref="SettingPath"/>).
/// </summary>
internal sealed partial class CredentialsOptionsValidator : IValidateOptions<CredentialsOptions>
{
    private readonly Sections _sections = new();

    public ValidateOptionsResult Validate(string? name, CredentialsOptions options) =>
        SettingPath.ToConfigurationKeys(_sections.Validate(SettingPath.Root, options));

    [OptionsValidator]
    private sealed partial class Sections : IValidateOptions<CredentialsOptions>;
}
