using Microsoft.Extensions.Options;

namespace Credentials.Client.DependencyInjection;

/// <summary>
/// Checks <see cref="WebTokenClientOptions"/>: the data annotations on it, then the time spans and the rules that join
/// two settings. Messages name the setting and, for a named client, the client.
/// </summary>
internal sealed partial class WebTokenClientOptionsValidator : IValidateOptions<WebTokenClientOptions>
{
    /// <summary>The one instance; the validator holds no state.</summary>
    public static readonly WebTokenClientOptionsValidator Instance = new();

    private const string Path = nameof(WebTokenClientOptions);

    /// <summary>A day: far more than any fetch deserves and well inside what Task.WaitAsync accepts (about 49.7 days).</summary>
    private static readonly TimeSpan LongestFetchTimeout = TimeSpan.FromDays(1);

    private static readonly Annotations AnnotationValidator = new();

    /// <summary>Validates <paramref name="options"/>; <paramref name="name"/> is the HttpClient's name, or null for a manager made directly.</summary>
    public ValidateOptionsResult Validate(string? name, WebTokenClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(AnnotationValidator.Validate(Path, options));
        if (options.FetchTimeout <= TimeSpan.Zero || options.FetchTimeout > LongestFetchTimeout)
        {
            builder.AddError($"{Path}.{nameof(options.FetchTimeout)} must be above zero and at most one day; got {options.FetchTimeout}.");
        }

        if (options.RefreshAfter is > 0 and < 1 && options.RefreshJitter >= 0 && options.RefreshAfter + options.RefreshJitter >= 1)
        {
            builder.AddError($"{Path}.{nameof(options.RefreshJitter)} must keep {nameof(options.RefreshAfter)} + {nameof(options.RefreshJitter)} below 1; got {options.RefreshJitter}.");
        }

        if (options.ExpiryMargin < TimeSpan.Zero)
        {
            builder.AddError($"{Path}.{nameof(options.ExpiryMargin)} must not be negative; got {options.ExpiryMargin}.");
        }

        if (options.InitialRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.InitialRetryDelay)
        {
            builder.AddError($"{Path}.{nameof(options.InitialRetryDelay)} must be above zero and at most {nameof(options.MaxRetryDelay)}; got {options.InitialRetryDelay} and {options.MaxRetryDelay}.");
        }

        var result = builder.Build();
        return name is null || !result.Failed
            ? result
            : ValidateOptionsResult.Fail(result.Failures.Select(failure => $"{failure} (HttpClient '{name}', AddWebTokenHandler)"));
    }

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<WebTokenClientOptions>;
}
