namespace Credentials.AspNetCore.Endpoints;

/// <summary>Settings of the endpoints that <c>MapCredentialsEndpoints()</c> maps.</summary>
public sealed class CredentialsEndpointOptions
{
    /// <summary>The largest request body the endpoints read, in bytes. Default 64 KiB; larger bodies answer 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Limits on failed logins.</summary>
    public LoginThrottleOptions LoginThrottle { get; } = new();
}
