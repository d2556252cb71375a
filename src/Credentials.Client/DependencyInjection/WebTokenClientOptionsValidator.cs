using Microsoft.Extensions.Options;

namespace Credentials.Client.DependencyInjection;

/// <summary>Validates each named client's <see cref="WebTokenClientOptions"/>; the message names the setting and the client.</summary>
internal sealed class WebTokenClientOptionsValidator : IValidateOptions<WebTokenClientOptions>
{
    public ValidateOptionsResult Validate(string? name, WebTokenClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.FindInvalidSetting() is { } invalid
            ? ValidateOptionsResult.Fail($"{invalid} (HttpClient '{name}', AddWebTokenHandler)")
            : ValidateOptionsResult.Success;
    }
}
