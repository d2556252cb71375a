using System.Net;
using System.Net.Http.Json;
using Credentials.AspNetCore.Tests.Infrastructure;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.AspNetCore.Tests.Endpoints;

/// <summary>
/// A hostile holder of one credential against the sample host, over HTTP: a key, its web token or its grace secret
/// tries to manage sibling keys, outlive a roll, or carry more than its owner holds. Every transport is tried.
/// </summary>
public sealed class CredentialGrantEndpointTests : IClassFixture<SampleHost>
{
    private readonly SampleHost _host;

    public CredentialGrantEndpointTests(SampleHost host) => _host = host;

    public enum Presented
    {
        KeyInHeader,
        KeyInQuery,
        WebTokenInHeader,
        WebTokenInQuery,
        GraceSecretInHeader,
    }

    public static TheoryData<string, string> Actions => new()
    {
        { "POST", "roll" },
        { "POST", "deactivate" },
        { "POST", "activate" },
        { "DELETE", "" },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Manage_SiblingByAKeyWithOnlyRead_Answers403AndChangesNothing(string method, string action)
    {
        var (attacker, _) = await _host.CreateKeyAsync("alice", "reader", "read");
        var (sibling, siblingUuid) = await _host.CreateKeyAsync("alice", "sibling", "read");

        foreach (var presented in new[] { Presented.KeyInHeader, Presented.KeyInQuery })
        {
            var response = await SendAsync(method, $"/api/v1/api-keys/{siblingUuid}/{action}".TrimEnd('/'), presented, attacker);

            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, presented.ToString());
            (await response.Content.ReadAsStringAsync()).Should().Be("""{"message":"Forbidden"}""");
        }

        (await _host.WhoAmIStatusAsync(sibling)).Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Presented.WebTokenInHeader)]
    [InlineData(Presented.WebTokenInQuery)]
    [InlineData(Presented.GraceSecretInHeader)]
    public async Task Manage_ByAWebTokenOrGraceSecretOfAManagingKey_Answers403ForEveryAction(Presented presented)
    {
        var (manager, managerUuid) = await _host.CreateKeyAsync("alice", "manager", "read", "write", "api.keys.manage.own");
        var (sibling, siblingUuid) = await _host.CreateKeyAsync("alice", "sibling", "read");
        var credential = await PresentAsync(presented, manager, managerUuid);

        var listing = await SendAsync("GET", "/v1.0/accesskeys", presented, credential);
        listing.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        foreach (var (method, action) in Actions.Select(row => ((string)row[0], (string)row[1])))
        {
            var response = await SendAsync(method, $"/api/v1/api-keys/{siblingUuid}/{action}".TrimEnd('/'), presented, credential);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {action}");
        }

        var create = await SendAsync("POST", "/api/v1/api-keys", presented, credential, """{"name": "minted"}""");
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _host.WhoAmIStatusAsync(sibling)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Manage_ByAKeyWithManageOwn_OnlySiblingsThatGrantNoMore()
    {
        var (manager, _) = await _host.CreateKeyAsync("alice", "manager", "read", "api.keys.manage.own");
        var (_, weakerUuid) = await _host.CreateKeyAsync("alice", "weaker", "read");
        var (stronger, strongerUuid) = await _host.CreateKeyAsync("alice", "stronger", "read", "write");
        var (_, foreignUuid) = await _host.CreateKeyAsync("admin", "foreign", "read");
        using var client = _host.CreateClient(manager);

        var weaker = await client.PostAsync($"/api/v1/api-keys/{weakerUuid}/deactivate", null);
        var strongerRoll = await client.PostAsync($"/api/v1/api-keys/{strongerUuid}/roll", null);
        var foreign = await client.PostAsync($"/api/v1/api-keys/{foreignUuid}/deactivate", null);
        var listed = await client.GetStringAsync("/v1.0/accesskeys");

        weaker.StatusCode.Should().Be(HttpStatusCode.OK);
        strongerRoll.StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        listed.Should().Contain(weakerUuid.ToString()).And.NotContain(strongerUuid.ToString()).And.NotContain(foreignUuid.ToString());
        (await _host.WhoAmIStatusAsync(stronger)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WebToken_KeyRolled_TokenEndsAtOnceAndCannotRollAgain()
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice", "rolled", "read", "api.keys.manage.own");
        var token = await WebTokenAsync(key);
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var rolled = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", SampleHost.Json("""{"grace_period_seconds": 3600}"""));
        using var byToken = _host.CreateClient(token);
        var rollAgain = await byToken.PostAsync($"/api/v1/api-keys/{uuid}/roll", null);

        rolled.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _host.WhoAmIStatusAsync(token)).Should().Be(HttpStatusCode.Unauthorized);
        rollAgain.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WebToken_KeyDeactivatedThenReactivated_OldTokenStaysEnded()
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice", "paused", "read");
        var token = await WebTokenAsync(key);
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        (await alice.PostAsync($"/api/v1/api-keys/{uuid}/deactivate", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await alice.PostAsync($"/api/v1/api-keys/{uuid}/activate", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _host.WhoAmIStatusAsync(token)).Should().Be(HttpStatusCode.Unauthorized);
        (await _host.WhoAmIStatusAsync(key)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GraceSecret_OrdinaryRequestsOnly_NoWebTokenAndNoRoll()
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice", "graceful", "read", "api.keys.manage.own");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));
        var rolled = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", SampleHost.Json("""{"grace_period_seconds": 3600}"""));
        var newKey = (await rolled.ReadJsonAsync()).GetProperty("plain_key").GetString()!;
        using var byOldSecret = _host.CreateClient(key);

        var whoami = await byOldSecret.GetAsync("/whoami");
        var webToken = await byOldSecret.GetAsync("/web-token");
        var rollAgain = await byOldSecret.PostAsync($"/api/v1/api-keys/{uuid}/roll", null);

        whoami.StatusCode.Should().Be(HttpStatusCode.OK);
        (await whoami.ReadJsonAsync()).GetProperty("grace_secret").GetBoolean().Should().BeTrue();
        webToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        rollAgain.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _host.WhoAmIStatusAsync(newKey)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_KeyWithAPermissionTheOwnerLacks_Answers422AndTheKeyNeverGrantsIt()
    {
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "escalate", "permissions": ["reports.admin"]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var body = await response.ReadJsonAsync();
        body.GetProperty("message").GetString().Should().Be("Validation failed");
        body.GetProperty("errors").GetProperty("permissions")[0].GetString().Should().Contain("reports.admin");
        (await alice.GetStringAsync("/v1.0/accesskeys")).Should().NotContain("escalate");
    }

    [Fact]
    public async Task Create_AdminForBobWithAPermissionBobLacks_Answers422()
    {
        using var admin = _host.CreateClient(await _host.LoginAsync("admin"));

        var response = await admin.PostAsync("/api/v1/api-keys", SampleHost.Json("""{"name": "for bob", "user_id": 3, "permissions": ["write"]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("permissions")[0].GetString().Should().Contain("write");
    }

    [Fact]
    public async Task OwnerLosesAPermission_KeysStopGrantingItAtOnce()
    {
        var owners = new OwnerDirectory();
        owners.Set("40", "api.keys.create.own", "read", "reports.admin");
        using var host = new SampleHost { ConfigureServices = services => services.AddSingleton<IUserDirectory>(owners) };
        await using var scope = host.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<Credentials.ApiKeys.IApiKeyService>();
        var created = await keys.CreateAsync(
            new Credentials.ApiKeys.ApiKeyCreateRequest { Name = "reports", Permissions = ["read", "reports.admin"] },
            Credentials.ApiKeys.ApiKeyActor.User("40", ["api.keys.create.own", "read", "reports.admin"]),
            CancellationToken.None);
        created.Succeeded.Should().BeTrue(string.Join(" ", created.Errors.SelectMany(e => e.Value)));
        var before = await PermissionsAsync(host, created.PlainKey!);

        owners.Set("40", "api.keys.create.own", "read");
        var after = await PermissionsAsync(host, created.PlainKey!);
        owners.Remove("40");
        var gone = await host.WhoAmIStatusAsync(created.PlainKey!);

        before.Should().BeEquivalentTo("read", "reports.admin");
        after.Should().Equal("read");
        gone.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(2147483647)]
    [InlineData(604801)]
    public async Task Roll_GracePeriodBeyondTheMaximum_Answers422AndTheOldSecretIsUntouched(int seconds)
    {
        var (key, uuid) = await _host.CreateKeyAsync("alice", "long grace", "read");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", SampleHost.Json($$"""{"grace_period_seconds": {{seconds}}}"""));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("grace_period_seconds")[0].GetString()
            .Should().Be("The grace period seconds field must not be greater than 604800.");
        var whoami = await _host.CreateClient(key).GetAsync("/whoami");
        whoami.StatusCode.Should().Be(HttpStatusCode.OK);
        (await whoami.ReadJsonAsync()).GetProperty("grace_secret").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Roll_GracePeriodOfAWeek_IsAccepted()
    {
        var (_, uuid) = await _host.CreateKeyAsync("alice", "week grace", "read");
        using var alice = _host.CreateClient(await _host.LoginAsync("alice"));

        var response = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", SampleHost.Json("""{"grace_period_seconds": 604800}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<string[]> PermissionsAsync(SampleHost host, string bearer)
    {
        using var client = host.CreateClient(bearer);
        var body = await client.GetFromJsonAsync<WhoAmI>("/whoami");
        return body!.Permissions;
    }

    private async Task<string> WebTokenAsync(string key)
    {
        using var client = _host.CreateClient(key);
        var response = await client.GetAsync("/web-token");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).GetProperty("data").GetProperty("token").GetString()!;
    }

    /// <summary>The credential to present: the key, its web token, or the key's old secret after a roll with grace.</summary>
    private async Task<string> PresentAsync(Presented presented, string key, Guid uuid)
    {
        switch (presented)
        {
            case Presented.WebTokenInHeader or Presented.WebTokenInQuery:
                return await WebTokenAsync(key);
            case Presented.GraceSecretInHeader:
                using (var alice = _host.CreateClient(await _host.LoginAsync("alice")))
                {
                    var rolled = await alice.PostAsync($"/api/v1/api-keys/{uuid}/roll", SampleHost.Json("""{"grace_period_seconds": 3600}"""));
                    rolled.StatusCode.Should().Be(HttpStatusCode.OK);
                }

                return key;
            default:
                return key;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, Presented presented, string credential, string? json = null)
    {
        var inQuery = presented is Presented.KeyInQuery or Presented.WebTokenInQuery;
        var parameter = presented == Presented.KeyInQuery ? "accesskey" : "token";
        using var request = new HttpRequestMessage(new HttpMethod(method), inQuery ? $"{path}?{parameter}={Uri.EscapeDataString(credential)}" : path);
        if (!inQuery)
        {
            request.Headers.Authorization = new("Bearer", credential);
        }

        if (json is not null)
        {
            request.Content = SampleHost.Json(json);
        }

        using var client = _host.CreateClient();
        return await client.SendAsync(request);
    }

    private sealed record WhoAmI(string[] Permissions);

    /// <summary>A user directory whose users' permissions a test changes, as an admin would in the host's own store.</summary>
    private sealed class OwnerDirectory : IUserDirectory
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AuthenticatedUser> _users = new();

        public void Set(string id, params string[] permissions) => _users[id] = new AuthenticatedUser { Id = id, Username = id, Permissions = permissions };

        public void Remove(string id) => _users.TryRemove(id, out _);

        public ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
            new(_users.TryGetValue(userId, out var user) ? user : null);
    }
}
