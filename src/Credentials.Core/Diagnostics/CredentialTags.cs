namespace Credentials.Diagnostics;

/// <summary>
/// The one place that names the tags every signal carries (metrics, traces and the ASP.NET Core handler's kind claim):
/// a credential kind as its snake_case word. Fixed strings, so tagging allocates nothing and stays bounded.
/// </summary>
internal static class CredentialTags
{
    public const string Kind = "credentials.kind";
    public const string Outcome = "credentials.outcome";
    public const string Reason = "credentials.reason";

    public static string Of(CredentialKind kind) => kind switch
    {
        CredentialKind.ApiKey => "api_key",
        CredentialKind.WebToken => "web_token",
        CredentialKind.Jwt => "jwt",
        CredentialKind.Password => "password",
        _ => "other",
    };
}
