using System.Net;
using System.Text.Json;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary><c>GET /v1.0/accesskeys</c> through every transport of the authentication API, and every way to be refused.</summary>
public sealed class TransportTests : IClassFixture<SampleHost>
{
    private readonly SampleHost _host;

    public TransportTests(SampleHost host) => _host = host;

    public enum Transport
    {
        BearerJwt,
        QueryJwt,
        QueryAccessKey,
        BearerApiKey,
        BearerWebToken,
        QueryWebToken,
    }

    [Theory]
    [InlineData(Transport.BearerJwt)]
    [InlineData(Transport.QueryJwt)]
    [InlineData(Transport.QueryAccessKey)]
    [InlineData(Transport.BearerApiKey)]
    public async Task AccessKeys_EachTransport_ListsCallersKeysWithoutSecrets(Transport transport)
    {
        var secrets = await SecretsAsync("alice");
        using var request = Request(transport, secrets);

        using var client = _host.CreateClient();
        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain(secrets.PlainKey).And.NotContain(secrets.PlainKey["cc_live_".Length..]).And.NotContain(secrets.WebToken).And.NotContain(secrets.Jwt);
        var keys = JsonDocument.Parse(text).RootElement.GetProperty("api_keys").EnumerateArray().ToList();
        keys.Should().NotBeEmpty();
        keys.Should().OnlyContain(k => k.GetProperty("user_id").GetInt64() == 2);
        keys.SelectMany(k => k.EnumerateObject().Select(p => p.Name)).Should().NotContain(n => n.Contains("hash") || n.Contains("secret") || n.Contains("plain") || n == "key");
    }

    [Theory]
    [InlineData(Transport.BearerWebToken)]
    [InlineData(Transport.QueryWebToken)]
    public async Task AccessKeys_WebTokenOfAKeyThatMayList_Answers403ButOrdinaryEndpointsWork(Transport transport)
    {
        var secrets = await SecretsAsync("alice");
        using var listing = Request(transport, secrets);
        using var ordinary = Request(transport, secrets, "/whoami");
        using var client = _host.CreateClient();

        var refused = await client.SendAsync(listing);
        var accepted = await client.SendAsync(ordinary);

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.ReadJsonAsync()).GetProperty("message").GetString().Should().Be("Forbidden");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await accepted.ReadJsonAsync()).GetProperty("credential_kind").GetString().Should().Be("web_token");
    }

    [Fact]
    public async Task AccessKeys_OtherUsersKeys_AreNotListed()
    {
        var (aliceKey, aliceUuid) = await _host.CreateKeyAsync("alice");
        using var admin = _host.CreateClient(await _host.LoginAsync("admin"));

        var listing = await admin.GetStringAsync("/v1.0/accesskeys");

        listing.Should().NotContain(aliceUuid.ToString());
        aliceKey.Should().NotBeEmpty();
    }

    [Fact]
    public async Task AccessKeys_NoCredential_Answers401WithBareBearerChallenge()
    {
        using var client = _host.CreateClient();

        var response = await client.GetAsync("/v1.0/accesskeys");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer");
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Bearer cc_live_notarealkeyatallnotarealkeyatallnotarealkey00")]
    [InlineData("Bearer 0123456789abcdef0123456789abcdef01234567")]
    [InlineData("Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    [InlineData("Bearer not-a-credential")]
    [InlineData("Bearer x y")]
    public async Task AccessKeys_BadCredential_Answers401InvalidTokenWithoutDetail(string authorization)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/accesskeys");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer error=\"invalid_token\"");
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task AccessKeys_OtherAuthorizationScheme_IsIgnoredAndAnswers401()
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/accesskeys");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic YWRtaW46YWRtaW4tcGFzc3dvcmQ=");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer");
    }

    [Fact]
    public async Task AccessKeys_BearerLowercase_IsAccepted()
    {
        var secrets = await SecretsAsync("alice");
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/accesskeys");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + secrets.PlainKey);

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("header+token")]
    [InlineData("header+accesskey")]
    [InlineData("token+accesskey")]
    [InlineData("token+token")]
    [InlineData("accesskey+accesskey")]
    [InlineData("header+header")]
    public async Task AccessKeys_TwoCredentials_Answers401InvalidToken(string combination)
    {
        var s = await SecretsAsync("alice");
        var (query, headers) = combination switch
        {
            "header+token" => ($"?token={s.Jwt}", new[] { s.PlainKey }),
            "header+accesskey" => ($"?accesskey={s.PlainKey}", new[] { s.Jwt }),
            "token+accesskey" => ($"?token={s.Jwt}&accesskey={s.PlainKey}", []),
            "token+token" => ($"?token={s.Jwt}&token={s.Jwt}", []),
            "accesskey+accesskey" => ($"?accesskey={s.PlainKey}&accesskey={s.PlainKey}", []),
            _ => (string.Empty, new[] { s.Jwt, s.Jwt }),
        };
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/accesskeys" + query);
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + header);
        }

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer error=\"invalid_token\"");
    }

    [Theory]
    [InlineData("?accesskey={jwt}")]
    [InlineData("?token={key}")]
    [InlineData("?accesskey={web}")]
    public async Task AccessKeys_CredentialInTheWrongParameter_Answers401(string query)
    {
        var s = await SecretsAsync("alice");
        using var client = _host.CreateClient();

        var response = await client.GetAsync("/v1.0/accesskeys" + query.Replace("{jwt}", s.Jwt).Replace("{key}", s.PlainKey).Replace("{web}", s.WebToken));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Transport.QueryJwt)]
    [InlineData(Transport.QueryAccessKey)]
    [InlineData(Transport.QueryWebToken)]
    public async Task AccessKeys_QueryTransportSwitchedOff_Answers401ButHeaderStillWorks(Transport transport)
    {
        using var host = WithOptions(o =>
        {
            o.AllowJwtInQuery = transport != Transport.QueryJwt;
            o.AllowApiKeyInQuery = transport != Transport.QueryAccessKey;
            o.AllowWebTokenInQuery = transport != Transport.QueryWebToken;
        });
        var s = await SecretsAsync("alice", host);
        using var client = host.CreateClient();
        using var query = Request(transport, s, "/whoami");
        using var header = Request(transport switch
        {
            Transport.QueryJwt => Transport.BearerJwt,
            Transport.QueryAccessKey => Transport.BearerApiKey,
            _ => Transport.BearerWebToken,
        }, s, "/whoami");

        var refused = await client.SendAsync(query);
        var accepted = await client.SendAsync(header);

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("Bearer error=\"invalid_token\"");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AccessKeys_KindSwitchedOff_Answers401()
    {
        using var host = WithOptions(o => o.AcceptJwts = false);
        using var client = host.CreateClient(await host.LoginAsync("alice"));

        (await client.GetAsync("/v1.0/accesskeys")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Root_Anonymous_AnswersIndex()
    {
        using var client = _host.CreateClient();

        var response = await client.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).GetProperty("endpoints").GetArrayLength().Should().BeGreaterThan(0);
    }

    private static SampleHost WithOptions(Action<CredentialsAuthenticationOptions> configure) => new()
    {
        ConfigureServices = services => services.Configure(CredentialsAuthenticationDefaults.AuthenticationScheme, configure),
    };

    private static HttpRequestMessage Request(Transport transport, Secrets s, string path = "/v1.0/accesskeys")
    {
        var (query, bearer) = transport switch
        {
            Transport.BearerJwt => (string.Empty, s.Jwt),
            Transport.QueryJwt => ($"?token={s.Jwt}", null),
            Transport.QueryAccessKey => ($"?accesskey={Uri.EscapeDataString(s.PlainKey)}", null),
            Transport.BearerApiKey => (string.Empty, s.PlainKey),
            Transport.BearerWebToken => (string.Empty, s.WebToken),
            _ => ($"?token={s.WebToken}", (string?)null),
        };
        var request = new HttpRequestMessage(HttpMethod.Get, path + query);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return request;
    }

    private async Task<Secrets> SecretsAsync(string username, SampleHost? host = null)
    {
        host ??= _host;
        var jwt = await host.LoginAsync(username);
        // A key that may list its owner's keys, as the authentication API's ?accesskey= example does.
        var (plainKey, _) = await host.CreateKeyAsync(username, "Test key", "read", ApiKeyPermissions.ManageOwn);
        using var client = host.CreateClient(plainKey);
        var webToken = (await (await client.GetAsync("/web-token")).ReadJsonAsync()).GetProperty("data").GetProperty("token").GetString()!;
        return new Secrets(jwt, plainKey, webToken);
    }

    private sealed record Secrets(string Jwt, string PlainKey, string WebToken);
}
