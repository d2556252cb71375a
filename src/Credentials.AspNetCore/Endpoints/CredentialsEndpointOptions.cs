using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>Settings of the endpoints that <c>MapCredentialsEndpoints()</c> maps; validated when the host starts.</summary>
public sealed class CredentialsEndpointOptions
{
    /// <summary>The largest request body the endpoints read, in bytes. Default 64 KiB; at least 1. Larger bodies answer 413.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Limits on failed logins.</summary>
    [ValidateObjectMembers(typeof(LoginThrottleOptionsValidator))]
    public LoginThrottleOptions LoginThrottle { get; } = new();
}
