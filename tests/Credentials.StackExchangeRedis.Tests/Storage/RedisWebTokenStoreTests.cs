using Credentials.Secrets;
using Credentials.StackExchangeRedis.Storage;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.WebTokens;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Tests.Storage;

/// <summary>What the contract cannot see: the key layout, the TTLs that make purging unnecessary, the bounds.</summary>
public sealed class RedisWebTokenStoreTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly string _prefix = RedisServer.NewKeyPrefix();

    [Fact]
    public async Task ReplaceAsync_Token_SlotAndIndexExpireWithTheTokenPlusRetention()
    {
        var store = CreateStore(TimeSpan.FromMinutes(1));
        var token = Token("subject-1", Now.AddHours(1));

        await store.ReplaceAsync(token, CancellationToken.None);

        var database = server.Multiplexer.GetDatabase();
        var expected = TimeSpan.FromMinutes(61);
        foreach (var key in new[] { $"{_prefix}wt:s:subject-1", $"{_prefix}wt:h:{Hex(token.Hash)}" })
        {
            var ttl = await database.KeyTimeToLiveAsync(key);
            ttl.Should().NotBeNull($"{key} must expire by itself");
            ttl!.Value.Should().BeCloseTo(expected, TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task ReplaceAsync_SecondToken_LeavesOneSlotAndOneIndexEntry()
    {
        var store = CreateStore(TimeSpan.FromMinutes(1));
        var first = Token("subject-1", Now.AddHours(1));
        var second = Token("subject-1", Now.AddHours(1));

        await store.ReplaceAsync(first, CancellationToken.None);
        await store.ReplaceAsync(second, CancellationToken.None);

        var keys = server.Multiplexer.GetServers()[0].Keys(pattern: $"{_prefix}*").Select(k => k.ToString()).ToList();
        keys.Should().BeEquivalentTo([$"{_prefix}wt:s:subject-1", $"{_prefix}wt:h:{Hex(second.Hash)}", $"{_prefix}wt:expiries"]);
        (await server.Multiplexer.GetDatabase().StringGetAsync($"{_prefix}wt:s:subject-1")).ToString().Should().Be(Hex(second.Hash));
    }

    [Fact]
    public async Task ReplaceAsync_TokenPastItsRetention_StillDropsThePreviousToken()
    {
        var store = CreateStore(TimeSpan.Zero);
        var live = Token("subject-1", Now.AddHours(1));
        var dead = Token("subject-1", Now.AddHours(-1));
        await store.ReplaceAsync(live, CancellationToken.None);

        await store.ReplaceAsync(dead, CancellationToken.None);
        await Task.Delay(50);

        (await store.FindByHashAsync(live.Hash, CancellationToken.None)).Should().BeNull();
        (await store.FindByHashAsync(dead.Hash, CancellationToken.None)).Should().BeNull("its entries lived a millisecond");
    }

    [Fact]
    public async Task ReplaceAsync_SubjectLongerThanTheLargestAllowed_Throws()
    {
        var store = CreateStore(TimeSpan.Zero);

        var act = async () => await store.ReplaceAsync(Token(new string('s', WebTokenOptions.MaximumSubjectLength + 1), Now.AddHours(1)), CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    private RedisWebTokenStore CreateStore(TimeSpan retention) => new(
        RedisConnection.Borrow(server.Multiplexer),
        Options.Create(new RedisCredentialsOptions { KeyPrefix = _prefix, ExpiredTokenRetention = retention }),
        new FakeTimeProvider(Now));

    private static WebToken Token(string subject, DateTimeOffset expiresAt) => new()
    {
        Subject = subject,
        Hash = SecretHash.FromBytes(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()),
        IssuedAt = Now,
        ExpiresAt = expiresAt,
    };

    private static string Hex(SecretHash hash) => Convert.ToHexString(hash.ToArray());
}
