using Microsoft.Extensions.DependencyInjection;

namespace Credentials;

internal sealed class CredentialsBuilder(IServiceCollection services) : ICredentialsBuilder
{
    public IServiceCollection Services { get; } = services;
}
