using System.Net;
using System.Net.Http.Json;
using System.Text;
using Credentials.AspNetCore.Endpoints;
using Credentials.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class LoginEndpointTests : IDisposable
{
    private readonly SampleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Login_RightPassword_ReturnsUsernameAndToken()
    {
        using var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("/auth/login", new { username = "admin", password = "admin-password" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.PropertyNames().Should().BeEquivalentTo("username", "token");
        body.GetProperty("username").GetString().Should().Be("admin");
        body.GetProperty("token").GetString().Should().MatchRegex(@"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$");
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_AnswerTheSame401()
    {
        using var client = _host.CreateClient();

        var wrongPassword = await client.PostAsJsonAsync("/auth/login", new { username = "admin", password = "nope" });
        var unknownUser = await client.PostAsJsonAsync("/auth/login", new { username = "mallory", password = "nope" });

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownUser.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await unknownUser.Content.ReadAsStringAsync()).Should().Be(await wrongPassword.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{}", "username")]
    [InlineData("{\"username\": \"admin\"}", "password")]
    [InlineData("{\"password\": \"admin-password\"}", "username")]
    [InlineData("{\"username\": 5, \"password\": \"admin-password\"}", "username")]
    [InlineData("{\"username\": \"admin\", \"password\": [\"admin-password\"]}", "password")]
    [InlineData("{\"username\": \"\", \"password\": \"x\"}", "username")]
    [InlineData("[\"admin\", \"admin-password\"]", "username")]
    public async Task Login_MissingOrWronglyTypedField_Answers422NamingTheField(string json, string field)
    {
        using var client = _host.CreateClient();

        var response = await client.PostAsync("/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var body = await response.ReadJsonAsync();
        body.GetProperty("message").GetString().Should().Be("Validation failed");
        body.GetProperty("errors").GetProperty(field).GetArrayLength().Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("{\"username\": \"admin\", ")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"username\": \"admin\", \"password\": \"admin-password\"}}")]
    public async Task Login_MalformedJson_Answers400(string json)
    {
        using var client = _host.CreateClient();

        var response = await client.PostAsync("/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("body").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Login_InvalidUtf8_Answers4xx()
    {
        using var client = _host.CreateClient();
        using var content = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync("/auth/login", content);

        ((int)response.StatusCode).Should().BeInRange(400, 499);
    }

    [Fact]
    public async Task Login_OversizedBody_Answers413()
    {
        using var client = _host.CreateClient();
        var json = $"{{\"username\": \"admin\", \"password\": \"{new string('x', 70 * 1024)}\"}}";

        var response = await client.PostAsync("/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Login_RepeatedFailuresForOneUsername_Answers429WithRetryAfter()
    {
        using var host = Throttled(perUsername: 3, perAddress: 100);
        using var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await Attempt(client, "alice", "wrong", "10.0.0." + (i + 1))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var throttled = await Attempt(client, "ALICE ", "alice-password", "10.0.0.9");
        var otherUser = await Attempt(client, "admin", "admin-password", "10.0.0.9");

        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter!.Delta.Should().BePositive();
        otherUser.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_RepeatedFailuresFromOneAddress_Answers429OnlyForThatAddress()
    {
        using var host = Throttled(perUsername: 100, perAddress: 3);
        using var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await Attempt(client, $"user{i}", "wrong", "10.0.0.1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var sameAddress = await Attempt(client, "admin", "admin-password", "10.0.0.1");
        var otherAddress = await Attempt(client, "admin", "admin-password", "10.0.0.2");

        sameAddress.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        sameAddress.Headers.RetryAfter!.Delta.Should().BePositive();
        otherAddress.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>A burst sent at once must not slip past the limit while the first guesses are still being checked.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Login_ParallelBurstOfWrongPasswords_FailsNoMoreThanTheLimit(bool oneUsername)
    {
        using var host = Throttled(perUsername: 3, perAddress: 3);
        using var client = host.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Attempt(client, oneUsername ? "admin" : $"user{i}", "wrong", "10.0.0.1")));

        responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).Should().BeLessThanOrEqualTo(3);
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Unauthorized || r.StatusCode == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_SuccessfulLogins_SpendNoFailureBudget()
    {
        using var host = Throttled(perUsername: 2, perAddress: 2);
        using var client = host.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            (await Attempt(client, "admin", "admin-password", "10.0.0.1")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    /// <summary>The address has spent its budget, so an attempt that reached the throttle would answer 429.</summary>
    [Theory]
    [InlineData(60_000, 5)]
    [InlineData(257, 5)]
    [InlineData(5, 1025)]
    public async Task Login_OverlongUsernameOrPassword_Answers422BeforeTheThrottle(int usernameLength, int passwordLength)
    {
        using var host = Throttled(perUsername: 100, perAddress: 1);
        using var client = host.CreateClient();
        (await Attempt(client, "admin", "wrong", "10.0.0.1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var response = await Attempt(client, new string('u', usernameLength), new string('p', passwordLength), "10.0.0.1");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var body = await response.ReadJsonAsync();
        body.GetProperty("message").GetString().Should().Be("Validation failed");
        body.GetProperty("errors").GetProperty(usernameLength > passwordLength ? "username" : "password").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Login_LongestUsernameAndPassword_AreCheckedAsUsual()
    {
        using var client = _host.CreateClient();

        var response = await Attempt(client, $"  {new string('u', 256)}  ", new string('p', 1024), "10.0.0.1");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_FailuresFromOneIpv6Slash64_ShareOneAddressBudget()
    {
        using var host = Throttled(perUsername: 100, perAddress: 1);
        using var client = host.CreateClient();
        (await Attempt(client, "alice", "wrong", "2001:db8:0:1::1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var sameSlash64 = await Attempt(client, "admin", "admin-password", "2001:db8:0:1:ffff::2");
        var otherSlash64 = await Attempt(client, "admin", "admin-password", "2001:db8:0:2::1");

        sameSlash64.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        otherSlash64.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string, Action<LoginThrottleOptions>> InvalidThrottleSettings => new()
    {
        { "MaxPartitions", o => o.MaxPartitions = LoginThrottleOptions.MinimumMaxPartitions - 1 },
        { "MaxPartitions", o => o.MaxPartitions = LoginThrottleOptions.LargestMaxPartitions + 1 },
        { "FailuresPerUsername", o => o.FailuresPerUsername = 0 },
        { "FailuresPerAddress", o => o.FailuresPerAddress = -1 },
        { "Window", o => o.Window = TimeSpan.Zero },
        { "Window", o => o.Window = TimeSpan.MaxValue },
    };

    [Theory]
    [MemberData(nameof(InvalidThrottleSettings))]
    public void Start_InvalidThrottleSetting_FailsNamingTheSetting(string setting, Action<LoginThrottleOptions> configure)
    {
        using var host = new SampleHost
        {
            ConfigureServices = services => services.Configure<CredentialsEndpointOptions>(o => configure(o.LoginThrottle)),
        };

        var start = () => host.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage($"*CredentialsEndpointOptions.LoginThrottle.{setting} must*");
    }

    private static SampleHost Throttled(int perUsername, int perAddress) => new()
    {
        ConfigureServices = services => services.Configure<CredentialsEndpointOptions>(o =>
        {
            o.LoginThrottle.FailuresPerUsername = perUsername;
            o.LoginThrottle.FailuresPerAddress = perAddress;
        }),
    };

    private static async Task<HttpResponseMessage> Attempt(HttpClient client, string username, string password, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add(SampleHost.ClientAddressHeader, address);
        return await client.SendAsync(request);
    }
}
