using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Credentials.AspNetCore.Identity.Tests.Infrastructure;

namespace Credentials.AspNetCore.Identity.Tests.Endpoints;

/// <summary>An API key grants only what its Identity owner holds now, through the host's role and claim mapping.</summary>
public sealed class IdentityApiKeyOwnerTests : IAsyncLifetime
{
    private IdentityHost _host = null!;

    public async Task InitializeAsync() => _host = await IdentityHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RemoveFromRole_PermissionLeavesTheUsersKeysAtOnce()
    {
        await _host.CreateUserAsync("alice", permissions: ["read"], roles: ["writer", "key-maker"]);
        var key = await CreateKeyAsync("alice", "read", "write");
        (await _host.WhoAmIAsync(key)).Should().BeEquivalentTo((200, new[] { "read", "write" }));

        (await _host.WithUserAsync("alice", (users, user) => users.RemoveFromRoleAsync(user, "writer"))).Succeeded.Should().BeTrue();

        (await _host.WhoAmIAsync(key)).Should().BeEquivalentTo((200, new[] { "read" }));
    }

    [Fact]
    public async Task DeleteUser_KeysRefused()
    {
        await _host.CreateUserAsync("alice", permissions: ["read"], roles: ["key-maker"]);
        var key = await CreateKeyAsync("alice", "read");

        (await _host.WithUserAsync("alice", (users, user) => users.DeleteAsync(user))).Succeeded.Should().BeTrue();

        (await _host.WhoAmIAsync(key)).Status.Should().Be(401, "a key whose owner is gone has nobody to act for");
    }

    private async Task<string> CreateKeyAsync(string username, params string[] permissions)
    {
        var (token, _) = await _host.LoginForTokenAsync(username);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys")
        {
            Content = JsonContent.Create(new { name = "Identity owner's key", permissions }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await IdentityHost.ReadJsonAsync(response)).GetProperty("plain_key").GetString()!;
    }
}
