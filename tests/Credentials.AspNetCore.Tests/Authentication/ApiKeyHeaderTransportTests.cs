using System.Net;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary>An API key in a header of the host's naming (<see cref="CredentialsAuthenticationOptions.ApiKeyHeaderName"/>), end to end.</summary>
public sealed class ApiKeyHeaderTransportTests : IDisposable
{
    private const string Header = "X-Api-Key";

    private readonly SampleHost _host = WithHeader(Header);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task WhoAmI_ApiKeyInTheHeader_ActsAsTheKey()
    {
        var (plainKey, uuid) = await _host.CreateKeyAsync("alice", "Header key", "read");

        var response = await SendAsync(_host, (Header, plainKey));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("credential_kind").GetString().Should().Be("api_key");
        body.GetProperty("api_key_id").GetString().Should().Be(uuid.ToString());
    }

    [Fact]
    public async Task WhoAmI_HeaderAbsent_Answers401WithBareChallenge()
    {
        var response = await SendAsync(_host);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer");
    }

    [Theory]
    [InlineData("header+bearer")]
    [InlineData("header+accesskey")]
    [InlineData("header+token")]
    [InlineData("header+header")]
    public async Task WhoAmI_HeaderBesideAnotherCredential_Answers401InvalidToken(string combination)
    {
        var (plainKey, _) = await _host.CreateKeyAsync("alice", "Header key", "read");
        var jwt = await _host.LoginAsync("alice");
        var (query, headers) = combination switch
        {
            "header+bearer" => (string.Empty, new[] { (Header, plainKey), ("Authorization", "Bearer " + jwt) }),
            "header+accesskey" => ($"?accesskey={Uri.EscapeDataString(plainKey)}", [(Header, plainKey)]),
            "header+token" => ($"?token={jwt}", [(Header, plainKey)]),
            _ => (string.Empty, [(Header, plainKey), (Header, plainKey)]),
        };

        var response = await SendAsync(_host, query, headers);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer error=\"invalid_token\"");
    }

    /// <remarks>An empty header is covered by the locator's tests: the test server's client drops empty header values.</remarks>
    [Theory]
    [InlineData("jwt")]
    [InlineData("web token")]
    [InlineData("oversize")]
    public async Task WhoAmI_HeaderCarryingNoApiKey_Answers401InvalidTokenAsUnrecognised(string carried)
    {
        var (plainKey, _) = await _host.CreateKeyAsync("alice", "Header key", "read");
        var value = carried switch
        {
            "jwt" => await _host.LoginAsync("alice"),
            "web token" => await WebTokenAsync(plainKey),
            _ => plainKey + new string('A', 16 * 1024),
        };

        var response = await SendAsync(_host, (Header, value));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer error=\"invalid_token\"");
        _host.Logs.Lines.Should().Contain(l => l.Contains("[6002]") && l.Contains("unrecognised_shape"));
    }

    [Fact]
    public async Task WhoAmI_HeaderNotConfigured_IsIgnored()
    {
        using var host = new SampleHost();
        var (plainKey, _) = await host.CreateKeyAsync("alice", "Header key", "read");

        var alone = await SendAsync(host, (Header, plainKey));
        var besideBearer = await SendAsync(host, (Header, plainKey), ("Authorization", "Bearer " + plainKey));

        alone.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        alone.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer");
        besideBearer.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WhoAmI_KeyInTheHeader_NeverLogged()
    {
        var (plainKey, _) = await _host.CreateKeyAsync("alice", "Header key", "read");

        (await SendAsync(_host, (Header, plainKey))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync(_host, (Header, plainKey + "x"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        _host.Logs.Lines.Should().Contain(l => l.Contains("[6000]") && l.Contains("ApiKeyHeader"));
        var secret = plainKey["cc_live_".Length..];
        _host.Logs.Lines.Should().NotContain(l => l.Contains(secret));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData("")]
    [InlineData("X Api Key")]
    [InlineData("X-Api-Key:")]
    [InlineData("X-Äpi-Key")]
    public void Start_InvalidHeaderName_FailsNamingTheSetting(string name)
    {
        using var host = WithHeader(name);

        var start = () => host.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*CredentialsAuthenticationOptions.ApiKeyHeaderName*");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("X-Api-Key")]
    [InlineData("api_key")]
    [InlineData("X-Key!#$%&'*+-.^_`|~1")]
    public void Validate_NullOrTokenName_Succeeds(string? name)
    {
        var result = new CredentialsAuthenticationOptionsValidator().Validate("Credentials", new CredentialsAuthenticationOptions { ApiKeyHeaderName = name });

        result.Succeeded.Should().BeTrue();
    }

    private static SampleHost WithHeader(string name) => new()
    {
        ConfigureServices = services => services.Configure<CredentialsAuthenticationOptions>(
            CredentialsAuthenticationDefaults.AuthenticationScheme, o => o.ApiKeyHeaderName = name),
    };

    private static Task<HttpResponseMessage> SendAsync(SampleHost host, params (string Name, string Value)[] headers) =>
        SendAsync(host, string.Empty, headers);

    private static async Task<HttpResponseMessage> SendAsync(SampleHost host, string query, (string Name, string Value)[] headers)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami" + query);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    private async Task<string> WebTokenAsync(string plainKey)
    {
        using var client = _host.CreateClient(plainKey);
        return (await (await client.GetAsync("/web-token")).ReadJsonAsync()).GetProperty("data").GetProperty("token").GetString()!;
    }
}
