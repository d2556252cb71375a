using Credentials.Secrets;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Credentials.StackExchangeRedis.Tests.Storage;

/// <summary>
/// Redis going away, on a server of this class's own (the other classes' servers are not disturbed): while it is down
/// the store fails loudly; after a restart without persistence every token is gone, and clients fetch new ones.
/// </summary>
public sealed class RedisRestartTests(RedisServer server) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task ValidateAsync_AfterRestartWithoutPersistence_AnswersUnknownAndANewTokenWorks()
    {
        using var multiplexer = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",abortConnect=false");
        await using var provider = Services(multiplexer);
        var tokens = provider.GetRequiredService<IWebTokenService>();
        var before = await tokens.IssueAsync("subject-1", CancellationToken.None);
        (await tokens.ValidateAsync(before.Token, CancellationToken.None)).Succeeded.Should().BeTrue();

        await server.Redis.RestartAsync();
        await WaitUntilReconnectedAsync(multiplexer);

        var lost = await tokens.ValidateAsync(before.Token, CancellationToken.None);
        lost.Failure.Should().Be(WebTokenValidationFailure.Unknown);
        var after = await tokens.IssueAsync("subject-1", CancellationToken.None);
        (await tokens.ValidateAsync(after.Token, CancellationToken.None)).Subject.Should().Be("subject-1");
    }

    [Fact]
    public async Task FindByHashAsync_RedisDown_ThrowsStoreExceptionNotNotFound()
    {
        using var multiplexer = await ConnectionMultiplexer.ConnectAsync(
            server.Redis.Endpoint + ",abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000");
        await using var provider = Services(multiplexer);
        var store = provider.GetRequiredService<IWebTokenStore>();
        await store.FindByHashAsync(SecretHash.FromBytes(new byte[SecretHash.Length]), CancellationToken.None);

        await server.Redis.StopAsync();
        try
        {
            var act = async () => await store.FindByHashAsync(SecretHash.FromBytes(new byte[SecretHash.Length]), CancellationToken.None);

            (await act.Should().ThrowAsync<RedisCredentialStoreException>())
                .Which.Message.Should().Be("Redis did not complete WebTokens.FindByHash.");
        }
        finally
        {
            await server.Redis.RestartAsync();
        }
    }

    private static ServiceProvider Services(IConnectionMultiplexer multiplexer)
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(_ => multiplexer, options => options.KeyPrefix = RedisServer.NewKeyPrefix());
        return services.BuildServiceProvider();
    }

    private static async Task WaitUntilReconnectedAsync(IConnectionMultiplexer multiplexer)
    {
        var database = multiplexer.GetDatabase();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await database.PingAsync();
                return;
            }
            catch (RedisException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
            catch (RedisTimeoutException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
