using Credentials.AspNetCore.Endpoints;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class CredentialsEndpointOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Start_MaxRequestBodyBytesBelowOne_FailsNamingTheSetting(int bytes)
    {
        using var host = new SampleHost
        {
            ConfigureServices = services => services.Configure<CredentialsEndpointOptions>(o => o.MaxRequestBodyBytes = bytes),
        };

        var start = () => host.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*CredentialsEndpointOptions.MaxRequestBodyBytes must be between 1 and*");
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new CredentialsEndpointOptionsValidator().Validate(Options.DefaultName, new CredentialsEndpointOptions());

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_SeveralThrottleSettingsWrong_ReportsEachByItsPath()
    {
        var options = new CredentialsEndpointOptions();
        options.LoginThrottle.FailuresPerUsername = 0;
        options.LoginThrottle.Window = TimeSpan.Zero;

        var result = new CredentialsEndpointOptionsValidator().Validate(Options.DefaultName, options);

        result.Failures.Should().HaveCount(2)
            .And.Contain(f => f.Contains("CredentialsEndpointOptions.LoginThrottle.FailuresPerUsername must be between 1 and", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("CredentialsEndpointOptions.LoginThrottle.Window must be longer than zero", StringComparison.Ordinal));
    }
}
