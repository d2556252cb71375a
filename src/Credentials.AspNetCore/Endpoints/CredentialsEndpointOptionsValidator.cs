using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Endpoints;

/// <summary>
/// Checks <see cref="CredentialsEndpointOptions"/> at start-up from its data annotations and the login throttle's
/// validator; messages name the setting as the host sets it in code (<c>CredentialsEndpointOptions.LoginThrottle.Window</c>).
/// </summary>
[OptionsValidator]
internal sealed partial class CredentialsEndpointOptionsValidator : IValidateOptions<CredentialsEndpointOptions>;
