using System.Net;
using Credentials.AspNetCore.Tests.Infrastructure;

namespace Credentials.AspNetCore.Tests.HealthChecks;

public sealed class SampleHealthEndpointTests
{
    [Fact]
    public async Task Healthz_SampleWithItsDevelopmentKey_AnswersHealthy()
    {
        using var host = new SampleHost();
        using var client = host.CreateClient();

        var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
