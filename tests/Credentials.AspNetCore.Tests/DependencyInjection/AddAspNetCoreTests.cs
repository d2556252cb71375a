using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Tests.DependencyInjection;

public sealed class AddAspNetCoreTests
{
    [Fact]
    public async Task AddAspNetCore_NoOtherDefault_CredentialsIsTheDefaultScheme()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddCredentials().AddAspNetCore();

        await using var provider = services.BuildServiceProvider();
        var schemes = provider.GetRequiredService<IAuthenticationSchemeProvider>();
        (await schemes.GetDefaultAuthenticateSchemeAsync())!.Name.Should().Be(CredentialsAuthenticationDefaults.AuthenticationScheme);
        provider.GetService<IAuthorizationService>().Should().NotBeNull();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddAspNetCore_HostNamesAnotherDefault_HostsWinsBeforeOrAfter(bool hostFirst)
    {
        var services = new ServiceCollection().AddLogging();
        if (hostFirst)
        {
            services.AddAuthentication("Other");
        }

        services.AddCredentials().AddAspNetCore();
        if (!hostFirst)
        {
            services.AddAuthentication("Other");
        }

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme.Should().Be("Other");
        (await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(CredentialsAuthenticationDefaults.AuthenticationScheme))
            .Should().NotBeNull();
    }

    [Fact]
    public async Task AddAspNetCore_NamedSchemeWithSettings_RegistersThatSchemeWithThem()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddCredentials().AddAspNetCore("Keys", o => o.AllowApiKeyInQuery = false);

        await using var provider = services.BuildServiceProvider();
        (await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("Keys")).Should().NotBeNull();
        provider.GetRequiredService<IOptionsMonitor<CredentialsAuthenticationOptions>>()
            .Get("Keys").AllowApiKeyInQuery.Should().BeFalse();
    }
}
