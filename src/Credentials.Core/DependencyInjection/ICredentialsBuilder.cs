using Microsoft.Extensions.DependencyInjection;

namespace Credentials;

/// <summary>
/// Returned by <c>AddCredentials()</c>. Its methods are extension methods, so every package adds its own and a host
/// reads as one sentence: <c>services.AddCredentials(configuration).AddAspNetCore().AddEntityFrameworkStores&lt;AppDbContext&gt;()</c>.
/// Each returns the same builder.
/// </summary>
public interface ICredentialsBuilder
{
    /// <summary>The service collection the library was added to.</summary>
    IServiceCollection Services { get; }
}
