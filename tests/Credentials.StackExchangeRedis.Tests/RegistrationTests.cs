using Credentials.Sessions;
using Credentials.StackExchangeRedis.Storage;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.StackExchangeRedis.Tests;

public sealed class RegistrationTests(RedisServer server) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task AddRedis_ConnectionString_IssueValidateAndReissueGoThroughRedis()
    {
        var prefix = RedisServer.NewKeyPrefix();
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(server.ConnectionString, options => options.KeyPrefix = prefix);
        await using var provider = services.BuildServiceProvider();
        var tokens = provider.GetRequiredService<IWebTokenService>();

        provider.GetRequiredService<IWebTokenStore>().Should().BeOfType<RedisWebTokenStore>();
        var first = await tokens.IssueAsync("subject-1", CancellationToken.None);
        (await tokens.ValidateAsync(first.Token, CancellationToken.None)).Subject.Should().Be("subject-1");
        var second = await tokens.IssueAsync("subject-1", CancellationToken.None);

        (await tokens.ValidateAsync(first.Token, CancellationToken.None)).Failure.Should().Be(WebTokenValidationFailure.Unknown, "the second token superseded it");
        (await tokens.ValidateAsync(second.Token, CancellationToken.None)).Subject.Should().Be("subject-1");
        (await server.Multiplexer.GetDatabase().KeyExistsAsync($"{prefix}wt:s:subject-1")).Should().BeTrue();
    }

    [Fact]
    public void AddRedis_AfterUseWebTokenStore_ReplacesIt()
    {
        var services = new ServiceCollection();
        services.AddCredentials().UseWebTokenStore<InMemoryWebTokenStore>().AddRedis(_ => server.Multiplexer);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IWebTokenStore>().Should().BeOfType<RedisWebTokenStore>();
        services.Count(d => d.ServiceType == typeof(IWebTokenStore)).Should().Be(1);
    }

    [Fact]
    public async Task AddRedis_Sessions_OpenEndAndCheckGoThroughRedis()
    {
        var prefix = RedisServer.NewKeyPrefix();
        var services = new ServiceCollection();
        services.AddCredentials(o => o.Sessions.EnableRefreshTokens = true).AddRedis(_ => server.Multiplexer, options => options.KeyPrefix = prefix);
        await using var provider = services.BuildServiceProvider();
        var sessions = provider.GetRequiredService<ISessionService>();

        provider.GetRequiredService<ISessionStore>().Should().BeOfType<RedisSessionStore>();
        var opened = await sessions.OpenAsync("user-1", TimeProvider.System.GetUtcNow().AddHours(1), CancellationToken.None);
        var refreshed = await sessions.RefreshAsync(opened.RefreshToken, CancellationToken.None);
        await sessions.EndAsync(opened.Session.Id, CancellationToken.None);

        refreshed.Succeeded.Should().BeTrue();
        (await sessions.CheckAsync(opened.Session.Id, CancellationToken.None)).Failure.Should().Be(SessionCheckFailure.SessionEnded);
        (await server.Multiplexer.GetDatabase().KeyExistsAsync($"{prefix}se:s:{opened.Session.Id}")).Should().BeTrue();
    }

    [Fact]
    public void AddRedis_KeyPrefixTooLong_FailsValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(_ => server.Multiplexer, o => o.KeyPrefix = new string('p', RedisCredentialsOptions.MaximumKeyPrefixLength + 1));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<RedisCredentialsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*RedisCredentialsOptions.KeyPrefix*");
    }
}
