using Microsoft.Extensions.DependencyInjection;

namespace Credentials;

/// <summary>
/// Returned by <c>AddCredentials()</c> so that integrations chain their own registrations onto it
/// (for example <c>.AddEntityFrameworkStores&lt;TContext&gt;()</c>).
/// </summary>
public interface ICredentialsBuilder
{
    /// <summary>The service collection the library was added to.</summary>
    IServiceCollection Services { get; }
}
