using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Credentials;

/// <summary>
/// Names settings as the host writes them: configuration keys under the <c>Credentials</c> section
/// (<c>Credentials:Jwt:SigningKeys:0:Secret</c>). Every validator of <see cref="CredentialsOptions"/> speaks member
/// paths, as the options source generator does (<c>Credentials.Jwt.SigningKeys[0].Secret</c>); they become keys here,
/// in one place, so no message spells a key by hand and none can drift from the property it names.
/// </summary>
internal static partial class SettingPath
{
    /// <summary>The section <c>AddCredentials(configuration)</c> is usually given: the first part of every path.</summary>
    public const string Root = "Credentials";

    /// <summary>The result with every member path in its messages turned into a configuration key.</summary>
    public static ValidateOptionsResult ToConfigurationKeys(ValidateOptionsResult result) =>
        result.Failed ? ValidateOptionsResult.Fail(result.Failures.Select(ToConfigurationKeys)) : result;

    /// <summary><c>Credentials.Jwt.SigningKeys[0]</c> anywhere in <paramref name="message"/> becomes <c>Credentials:Jwt:SigningKeys:0</c>.</summary>
    public static string ToConfigurationKeys(string message) =>
        MemberPath().Replace(message, path => path.Value.Replace('.', ':').Replace('[', ':').Replace("]", string.Empty, StringComparison.Ordinal));

    [GeneratedRegex(@"\b" + Root + @"(?:\.\w+|\[[^\]]*\])+", RegexOptions.CultureInvariant)]
    private static partial Regex MemberPath();
}
