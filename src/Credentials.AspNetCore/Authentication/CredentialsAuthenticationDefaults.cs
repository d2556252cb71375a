namespace Credentials.AspNetCore.Authentication;

/// <summary>Names the authentication scheme and the claims it issues.</summary>
public static class CredentialsAuthenticationDefaults
{
    /// <summary>The default scheme name.</summary>
    public const string AuthenticationScheme = "Credentials";

    /// <summary>The query parameter that carries a JWT or a web token (the authentication API's).</summary>
    public const string TokenQueryParameter = "token";

    /// <summary>The query parameter that carries an API key (the authentication API's access key).</summary>
    public const string AccessKeyQueryParameter = "accesskey";
}
