using Credentials.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Credentials.AspNetCore.Tests.Authentication;

public sealed class CredentialLocatorTests
{
    private const string ApiKey = "cc_live_abc123def456ghi789jkl012mno345pqr678stu901vwx234yz";
    private const string WebToken = "0123456789abcdef0123456789abcdef01234567";
    private const string Jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

    private readonly CredentialLocator _locator = new(new CredentialShapes(Options.Create(new CredentialsOptions())));

    [Fact]
    public void Locate_NothingPresented_ReturnsNoCredentialAndNoFailure()
    {
        var (credential, failure) = Locate(Request());

        credential.Should().BeNull();
        failure.Should().BeNull();
    }

    [Theory]
    [InlineData("Bearer " + ApiKey, CredentialKind.ApiKey)]
    [InlineData("bearer " + WebToken, CredentialKind.WebToken)]
    [InlineData("BEARER " + Jwt, CredentialKind.Jwt)]
    [InlineData("Bearer   " + Jwt + "  ", CredentialKind.Jwt)]
    public void Locate_BearerHeader_FindsKind(string header, CredentialKind kind)
    {
        var (credential, failure) = Locate(Request(authorization: [header]));

        failure.Should().BeNull();
        credential.Should().NotBeNull();
        credential!.Value.Kind.Should().Be(kind);
        credential.Value.Transport.Should().Be(CredentialTransport.AuthorizationHeader);
        credential.Value.Secret.Should().NotStartWith(" ").And.NotEndWith(" ");
    }

    [Theory]
    [InlineData("token", Jwt, CredentialKind.Jwt, CredentialTransport.TokenQueryParameter)]
    [InlineData("token", WebToken, CredentialKind.WebToken, CredentialTransport.TokenQueryParameter)]
    [InlineData("accesskey", ApiKey, CredentialKind.ApiKey, CredentialTransport.AccessKeyQueryParameter)]
    public void Locate_QueryParameter_FindsKindAndTransport(string parameter, string value, CredentialKind kind, CredentialTransport transport)
    {
        var (credential, _) = Locate(Request(query: new() { [parameter] = value }));

        credential.Should().Be(new PresentedCredential(kind, value, transport));
    }

    [Theory]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer")]
    [InlineData("Bearer" + ApiKey)]
    [InlineData("Token " + ApiKey)]
    [InlineData("")]
    public void Locate_NonBearerHeader_IsNotOurs(string header)
    {
        var (credential, failure) = Locate(Request(authorization: [header]));

        credential.Should().BeNull();
        failure.Should().BeNull();
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData("Bearer not-a-credential")]
    [InlineData("Bearer ünïcödé.jwt.here")]
    [InlineData("Bearer " + Jwt + ", Bearer " + WebToken)]
    [InlineData("Bearer \u200b" + WebToken)]
    public void Locate_BearerWithUnrecognisableValue_FailsAsUnrecognised(string header)
    {
        var (credential, failure) = Locate(Request(authorization: [header]));

        credential.Should().BeNull();
        failure.Should().Be(LocateFailure.UnrecognisedShape);
    }

    /// <summary>The prefix alone routes to the API key service, which runs the full format check and refuses it.</summary>
    [Theory]
    [InlineData("Bearer cc_live_ä")]
    [InlineData("Bearer " + ApiKey + ", Bearer " + Jwt)]
    public void Locate_ApiKeyPrefixedJunk_GoesToTheApiKeyService(string header)
    {
        var (credential, _) = Locate(Request(authorization: [header]));

        credential!.Value.Kind.Should().Be(CredentialKind.ApiKey);
    }

    [Fact]
    public void Locate_HugeBearer_FailsAsUnrecognised()
    {
        var (credential, failure) = Locate(Request(authorization: ["Bearer " + Jwt + new string('A', 1_000_000)]));

        credential.Should().BeNull();
        failure.Should().Be(LocateFailure.UnrecognisedShape);
    }

    [Fact]
    public void Locate_TwoAuthorizationHeaders_FailsAsAmbiguous()
    {
        var (credential, failure) = Locate(Request(authorization: ["Bearer " + Jwt, "Bearer " + ApiKey]));

        credential.Should().BeNull();
        failure.Should().Be(LocateFailure.Ambiguous);
    }

    [Fact]
    public void Locate_BearerBesideOtherScheme_UsesTheBearer()
    {
        var (credential, _) = Locate(Request(authorization: ["Basic YWRtaW46YWRtaW4=", "Bearer " + Jwt]));

        credential!.Value.Kind.Should().Be(CredentialKind.Jwt);
    }

    [Fact]
    public void Locate_HeaderAndQuery_FailsAsAmbiguous()
    {
        var (_, failure) = Locate(Request(authorization: ["Bearer " + Jwt], query: new() { ["accesskey"] = ApiKey }));

        failure.Should().Be(LocateFailure.Ambiguous);
    }

    [Fact]
    public void Locate_RepeatedQueryParameter_FailsAsAmbiguous()
    {
        var (_, failure) = Locate(Request(query: new() { ["token"] = new StringValues([Jwt, Jwt]) }));

        failure.Should().Be(LocateFailure.Ambiguous);
    }

    [Theory]
    [InlineData("token", ApiKey)]
    [InlineData("accesskey", Jwt)]
    [InlineData("accesskey", WebToken)]
    public void Locate_KindInTheWrongParameter_FailsAsTransportNotAllowed(string parameter, string value)
    {
        var (_, failure) = Locate(Request(query: new() { [parameter] = value }));

        failure.Should().Be(LocateFailure.TransportNotAllowed);
    }

    [Theory]
    [InlineData("token", Jwt)]
    [InlineData("token", WebToken)]
    [InlineData("accesskey", ApiKey)]
    public void Locate_QueryTransportSwitchedOff_FailsAsTransportNotAllowed(string parameter, string value)
    {
        var options = new CredentialsAuthenticationOptions { AllowApiKeyInQuery = false, AllowJwtInQuery = false, AllowWebTokenInQuery = false };

        var (_, failure) = _locator.Locate(Request(query: new() { [parameter] = value }), options);

        failure.Should().Be(LocateFailure.TransportNotAllowed);
    }

    [Theory]
    [InlineData(ApiKey)]
    [InlineData(WebToken)]
    [InlineData(Jwt)]
    public void Locate_KindSwitchedOff_FailsAsUnrecognised(string value)
    {
        var options = new CredentialsAuthenticationOptions { AcceptApiKeys = false, AcceptJwts = false, AcceptWebTokens = false };

        var (_, failure) = _locator.Locate(Request(authorization: ["Bearer " + value]), options);

        failure.Should().Be(LocateFailure.UnrecognisedShape);
    }

    [Fact]
    public void Locate_ApiKeyInTheNamedHeader_FindsItThere()
    {
        var (credential, failure) = _locator.Locate(Request(apiKeyHeader: [ApiKey]), WithHeader);

        failure.Should().BeNull();
        credential.Should().Be(new PresentedCredential(CredentialKind.ApiKey, ApiKey, CredentialTransport.ApiKeyHeader));
    }

    [Theory]
    [InlineData(Jwt)]
    [InlineData(WebToken)]
    [InlineData("")]
    [InlineData("not-a-credential")]
    public void Locate_NamedHeaderWithoutApiKey_FailsAsUnrecognised(string value)
    {
        var (credential, failure) = _locator.Locate(Request(apiKeyHeader: [value]), WithHeader);

        credential.Should().BeNull();
        failure.Should().Be(LocateFailure.UnrecognisedShape);
    }

    [Fact]
    public void Locate_HugeValueInTheNamedHeader_FailsAsUnrecognised()
    {
        var (_, failure) = _locator.Locate(Request(apiKeyHeader: [ApiKey + new string('A', 1_000_000)]), WithHeader);

        failure.Should().Be(LocateFailure.UnrecognisedShape);
    }

    [Fact]
    public void Locate_NamedHeaderWithApiKeysSwitchedOff_FailsAsUnrecognised()
    {
        var options = new CredentialsAuthenticationOptions { ApiKeyHeaderName = "X-Api-Key", AcceptApiKeys = false };

        var (_, failure) = _locator.Locate(Request(apiKeyHeader: [ApiKey]), options);

        failure.Should().Be(LocateFailure.UnrecognisedShape);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("token")]
    [InlineData("accesskey")]
    [InlineData("header")]
    public void Locate_NamedHeaderBesideAnotherCredential_FailsAsAmbiguous(string other)
    {
        var request = other switch
        {
            "bearer" => Request(authorization: ["Bearer " + ApiKey], apiKeyHeader: [ApiKey]),
            "token" => Request(query: new() { ["token"] = Jwt }, apiKeyHeader: [ApiKey]),
            "accesskey" => Request(query: new() { ["accesskey"] = ApiKey }, apiKeyHeader: [ApiKey]),
            _ => Request(apiKeyHeader: [ApiKey, ApiKey]),
        };

        var (credential, failure) = _locator.Locate(request, WithHeader);

        credential.Should().BeNull();
        failure.Should().Be(LocateFailure.Ambiguous);
    }

    [Fact]
    public void Locate_HeaderNotNamed_IgnoresIt()
    {
        var (credential, failure) = Locate(Request(apiKeyHeader: [ApiKey]));

        credential.Should().BeNull();
        failure.Should().BeNull();
    }

    [Fact]
    public void PresentedCredential_ToString_HidesTheSecret() =>
        new PresentedCredential(CredentialKind.ApiKey, ApiKey, CredentialTransport.AuthorizationHeader).ToString().Should().NotContain(ApiKey);

    private (PresentedCredential? Credential, LocateFailure? Failure) Locate(HttpRequest request) =>
        _locator.Locate(request, new CredentialsAuthenticationOptions());

    private static CredentialsAuthenticationOptions WithHeader => new() { ApiKeyHeaderName = "X-Api-Key" };

    private static HttpRequest Request(string[]? authorization = null, Dictionary<string, StringValues>? query = null, string[]? apiKeyHeader = null)
    {
        var context = new DefaultHttpContext();
        if (apiKeyHeader is not null)
        {
            context.Request.Headers["X-Api-Key"] = new StringValues(apiKeyHeader);
        }

        if (authorization is not null)
        {
            context.Request.Headers.Authorization = new StringValues(authorization);
        }

        if (query is not null)
        {
            context.Request.Query = new QueryCollection(query);
        }

        return context.Request;
    }
}
