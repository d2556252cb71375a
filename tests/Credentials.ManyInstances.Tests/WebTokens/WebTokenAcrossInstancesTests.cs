using System.Net;
using Credentials.ManyInstances.Tests.Infrastructure;

namespace Credentials.ManyInstances.Tests.WebTokens;

/// <summary>
/// A web token issued on A works on B, and the single-active rule holds across them: once A issues the key's next
/// token, or the key is deactivated on A, the old token is refused on B by the very next request. Tokens are never
/// cached, so this holds with either store and without any channel.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class WebTokenAcrossInstancesTests(SharedServers servers)
{
    private const int Rotations = 10;

    public static TheoryData<InvalidationTransport, WebTokenStorage> Setups => new()
    {
        { InvalidationTransport.Redis, WebTokenStorage.Redis },
        { InvalidationTransport.Redis, WebTokenStorage.EntityFramework },
        { InvalidationTransport.None, WebTokenStorage.EntityFramework },
    };

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task WebToken_ReissuedOnA_OldTokenRefusedOnBAtOnce(InvalidationTransport transport, WebTokenStorage webTokens)
    {
        await using var pair = await InstancePair.StartAsync(servers, transport, webTokens);
        var (_, key) = await pair.A.CreateKeyAsync();
        var token = await pair.A.IssueWebTokenAsync(key);
        (await pair.B.WhoAmIStatusAsync(token)).Should().Be(HttpStatusCode.OK, "B finds the token A issued in the shared store");

        for (var rotation = 0; rotation < Rotations; rotation++)
        {
            var next = await pair.A.IssueWebTokenAsync(key);
            (await pair.B.WhoAmIStatusAsync(token)).Should().Be(HttpStatusCode.Unauthorized, "the key's next token replaced it in the shared store");
            (await pair.B.WhoAmIStatusAsync(next)).Should().Be(HttpStatusCode.OK);
            token = next;
        }
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task WebToken_KeyDeactivatedOnA_RefusedOnBAtOnce(InvalidationTransport transport, WebTokenStorage webTokens)
    {
        await using var pair = await InstancePair.StartAsync(servers, transport, webTokens);
        var (uuid, key) = await pair.A.CreateKeyAsync();
        var token = await pair.A.IssueWebTokenAsync(key);
        (await pair.B.WhoAmIStatusAsync(token)).Should().Be(HttpStatusCode.OK);
        (await pair.B.WhoAmIStatusAsync(token)).Should().Be(HttpStatusCode.OK, "B has its key cached now");

        await KeyChanges.ApplyAsync(pair.A, uuid, KeyChange.Deactivate);

        (await pair.B.WhoAmIStatusAsync(token)).Should().Be(HttpStatusCode.Unauthorized, "deactivating a key ends its token in the shared store");
    }
}
