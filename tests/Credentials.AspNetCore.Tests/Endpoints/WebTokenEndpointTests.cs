using System.Net;
using Credentials.AspNetCore.Tests.Infrastructure;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class WebTokenEndpointTests : IClassFixture<SampleHost>
{
    private readonly SampleHost _host;

    public WebTokenEndpointTests(SampleHost host) => _host = host;

    [Fact]
    public async Task GetWebToken_WithApiKey_ReturnsSuccessTokenAndExpiresAt()
    {
        var (key, _) = await _host.CreateKeyAsync("admin");
        using var client = _host.CreateClient(key);

        var response = await client.GetAsync("/web-token");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.PropertyNames().Should().BeEquivalentTo("success", "data");
        body.GetProperty("success").GetBoolean().Should().BeTrue();
        var data = body.GetProperty("data");
        data.PropertyNames().Should().BeEquivalentTo("token", "expiresAt");
        data.GetProperty("token").GetString().Should().MatchRegex("^[0-9a-f]{40}$");
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(data.GetProperty("expiresAt").GetInt64());
        expiresAt.Should().BeAfter(TimeProvider.System.GetUtcNow()).And.BeBefore(TimeProvider.System.GetUtcNow().AddDays(31));
    }

    [Fact]
    public async Task GetWebToken_WithJwt_Answers403()
    {
        using var client = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await client.GetAsync("/web-token");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.ReadJsonAsync()).GetProperty("success").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task GetWebToken_WithWebToken_Answers403()
    {
        var (key, _) = await _host.CreateKeyAsync("admin");
        var token = await IssueAsync(key);
        using var client = _host.CreateClient(token);

        (await client.GetAsync("/web-token")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetWebToken_Anonymous_Answers401()
    {
        using var client = _host.CreateClient();

        (await client.GetAsync("/web-token")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetWebToken_AgainWithSameKey_SupersedesPreviousToken()
    {
        var (key, _) = await _host.CreateKeyAsync("admin");
        var first = await IssueAsync(key);
        var second = await IssueAsync(key);

        (await _host.WhoAmIStatusAsync(first)).Should().Be(HttpStatusCode.Unauthorized);
        (await _host.WhoAmIStatusAsync(second)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetWebToken_TwoKeys_EachKeepsItsOwnToken()
    {
        var (one, _) = await _host.CreateKeyAsync("admin", "one");
        var (two, _) = await _host.CreateKeyAsync("admin", "two");
        var fromOne = await IssueAsync(one);
        var fromTwo = await IssueAsync(two);

        (await _host.WhoAmIStatusAsync(fromOne)).Should().Be(HttpStatusCode.OK);
        (await _host.WhoAmIStatusAsync(fromTwo)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetWebToken_ParallelCallsWithOneKey_LeaveExactlyOneWorkingToken()
    {
        var (key, _) = await _host.CreateKeyAsync("admin");

        var tokens = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => IssueAsync(key)));

        tokens.Should().OnlyHaveUniqueItems();
        var statuses = await Task.WhenAll(tokens.Select(_host.WhoAmIStatusAsync));
        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(1);
        statuses.Count(s => s == HttpStatusCode.Unauthorized).Should().Be(tokens.Length - 1);
    }

    [Fact]
    public async Task WebToken_OfDeactivatedKey_IsRefused()
    {
        var (key, uuid) = await _host.CreateKeyAsync("admin");
        var token = await IssueAsync(key);
        using var admin = _host.CreateClient(await _host.LoginAsync("admin"));

        (await admin.PostAsync($"/api/v1/api-keys/{uuid}/deactivate", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _host.WhoAmIStatusAsync(token)).Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<string> IssueAsync(string key)
    {
        using var client = _host.CreateClient(key);
        var response = await client.GetAsync("/web-token");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).GetProperty("data").GetProperty("token").GetString()!;
    }
}
