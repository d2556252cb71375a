using System.Security.Cryptography;
using Credentials.ApiKeys;
using Credentials.AspNetCore.Hosting;
using Credentials.Secrets;
using Credentials.Sessions;
using Credentials.WebTokens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.AspNetCore.Tests.Hosting;

public sealed class ExpiredCredentialPurgeTests : IDisposable
{
    private const int PurgedEvent = 6400;
    private const int FailedEvent = 6401;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly PurgeLog _log = new();
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"credentials-purge-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Fact]
    public async Task ExecuteAsync_InMemoryStores_FirstPurgeAtTheDrawnOffsetThenEveryInterval()
    {
        await using var provider = Host(_ => { });
        var seeded = await SeedAsync(provider);
        using var service = Service(provider, firstRunFraction: 0.25);

        await service.StartAsync(CancellationToken.None);
        _time.Advance((Interval / 4) - TimeSpan.FromMinutes(1));
        _log.HasPending(PurgedEvent).Should().BeFalse("the first purge waits for its offset within the interval");
        (await provider.GetRequiredService<IWebTokenStore>().FindByHashAsync(seeded.ExpiredToken, CancellationToken.None)).Should().NotBeNull();

        _time.Advance(TimeSpan.FromMinutes(1));
        (await _log.NextAsync(PurgedEvent)).Message.Should().Be("Purged expired credentials: 1 web tokens, 1 sessions, 1 API keys.");
        await seeded.ShouldHoldOnlyTheLiveOnesAsync(provider);

        await SeedExpiredAgainAsync(provider);
        _time.Advance(Interval);
        (await _log.NextAsync(PurgedEvent)).Message.Should().Be("Purged expired credentials: 1 web tokens, 1 sessions, 0 API keys.");
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_EntityFrameworkStoresOnSqlite_PurgesTheExpiredRows()
    {
        await using var provider = Host(credentials =>
        {
            credentials.Services.AddDbContext<PurgeDb>(o => o.UseSqlite($"Data Source={_database};Pooling=false"));
            credentials.AddEntityFrameworkStores<PurgeDb>();
        });
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PurgeDb>().Database.EnsureCreatedAsync();
        }

        var seeded = await SeedAsync(provider);
        using var service = Service(provider, firstRunFraction: 0);

        await service.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));

        (await _log.NextAsync(PurgedEvent)).Message.Should().Be("Purged expired credentials: 1 web tokens, 1 sessions, 1 API keys.");
        await seeded.ShouldHoldOnlyTheLiveOnesAsync(provider);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_StoreFault_LoggedOtherStoresPurgedAndRetriedNextInterval()
    {
        FaultyWebTokenStore? faulty = null;
        await using var provider = Host(credentials => credentials.Services.AddSingleton<IWebTokenStore>(
            _ => faulty = new FaultyWebTokenStore(new InMemoryWebTokenStore()) { Fault = new InvalidOperationException("database is down") }));
        await SeedAsync(provider);
        using var service = Service(provider, firstRunFraction: 0);

        await service.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));

        var failed = await _log.NextAsync(FailedEvent);
        failed.Message.Should().Be("Purging expired web tokens failed; the next purge, in 01:00:00, tries again.");
        failed.Exception.Should().BeOfType<InvalidOperationException>();
        (await _log.NextAsync(PurgedEvent)).Message.Should().Be("Purged expired credentials: 0 web tokens, 1 sessions, 1 API keys.");

        faulty!.Fault = null;
        _time.Advance(Interval);
        (await _log.NextAsync(PurgedEvent)).Message.Should().Be("Purged expired credentials: 1 web tokens, 0 sessions, 0 API keys.");
        service.ExecuteTask!.IsCompleted.Should().BeFalse("a store fault never ends the service");
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_WhileWaitingForTheFirstPurge_EndsAtOnce()
    {
        await using var provider = Host(_ => { });
        using var service = Service(provider, firstRunFraction: 0.9);
        await service.StartAsync(CancellationToken.None);

        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        service.ExecuteTask!.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task StopAsync_DuringAPurge_CancelsTheStoreCallAndEnds()
    {
        StuckSessionStore? stuck = null;
        await using var provider = Host(credentials => credentials.Services.AddSingleton<ISessionStore>(_ => stuck = new StuckSessionStore(new InMemorySessionStore())));
        _ = provider.GetRequiredService<ISessionStore>();
        using var service = Service(provider, firstRunFraction: 0);
        await service.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromTicks(1));
        await stuck!.PurgeStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        service.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
        _log.HasPending(PurgedEvent).Should().BeFalse();
    }

    [Fact]
    public void AddExpiredCredentialPurge_CalledTwice_OneHostedService()
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddExpiredCredentialPurge().AddExpiredCredentialPurge(o => o.Interval = TimeSpan.FromMinutes(5));
        using var provider = services.BuildServiceProvider();

        provider.GetServices<IHostedService>().Should().ContainSingle().Which.Should().BeOfType<ExpiredCredentialPurgeService>();
        provider.GetRequiredService<IOptions<ExpiredCredentialPurgeOptions>>().Value.Interval.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData(59, 30, "Interval")]
    [InlineData(86_401, 30, "Interval")]
    [InlineData(3600, -1, "ApiKeyRetention")]
    [InlineData(3600, 3651, "ApiKeyRetention")]
    public void AddExpiredCredentialPurge_OutOfBounds_RefusedAtStartNamingTheSetting(int intervalSeconds, int retentionDays, string setting)
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddExpiredCredentialPurge(o =>
        {
            o.Interval = TimeSpan.FromSeconds(intervalSeconds);
            o.ApiKeyRetention = TimeSpan.FromDays(retentionDays);
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().Contain($"ExpiredCredentialPurgeOptions.{setting}");
    }

    [Theory]
    [InlineData(60, 0)]
    [InlineData(86_400, 3650)]
    public void AddExpiredCredentialPurge_Bounds_Valid(int intervalSeconds, int retentionDays)
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddExpiredCredentialPurge(o =>
        {
            o.Interval = TimeSpan.FromSeconds(intervalSeconds);
            o.ApiKeyRetention = TimeSpan.FromDays(retentionDays);
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().NotThrow();
    }

    private ServiceProvider Host(Action<ICredentialsBuilder> stores)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        var credentials = services.AddCredentials();
        stores(credentials);
        credentials.AddExpiredCredentialPurge(o => o.Interval = Interval);
        return services.BuildServiceProvider();
    }

    private ExpiredCredentialPurgeService Service(IServiceProvider provider, double firstRunFraction) => new(
        provider.GetRequiredService<IServiceScopeFactory>(),
        provider.GetRequiredService<IOptions<ExpiredCredentialPurgeOptions>>().Value,
        _time,
        _log,
        () => firstRunFraction);

    /// <summary>
    /// One expired and one live record in each store; for API keys one expired beyond the 30-day retention, one
    /// within it and one without expiry. Expired means before the first purge, which comes at least a minute in.
    /// </summary>
    private static async Task<Seeded> SeedAsync(IServiceProvider provider)
    {
        var seeded = new Seeded(Hash(), Hash(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var tokens = provider.GetRequiredService<IWebTokenStore>();
        await tokens.ReplaceAsync(new WebToken { Subject = "expired", Hash = seeded.ExpiredToken, IssuedAt = Start, ExpiresAt = Start + TimeSpan.FromSeconds(30) }, CancellationToken.None);
        await tokens.ReplaceAsync(new WebToken { Subject = "live", Hash = seeded.LiveToken, IssuedAt = Start, ExpiresAt = Start + TimeSpan.FromDays(1) }, CancellationToken.None);
        var sessions = provider.GetRequiredService<ISessionStore>();
        await sessions.CreateAsync(new Session { Id = "expired-session", UserId = "user-1", CreatedAt = Start, ExpiresAt = Start + TimeSpan.FromSeconds(30) }, CancellationToken.None);
        await sessions.CreateAsync(new Session { Id = "live-session", UserId = "user-1", CreatedAt = Start, ExpiresAt = Start + TimeSpan.FromDays(1) }, CancellationToken.None);
        await using var scope = provider.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<IApiKeyStore>();
        await keys.CreateAsync(Key(seeded.KeyBeyondRetention, Start - TimeSpan.FromDays(31)), CancellationToken.None);
        await keys.CreateAsync(Key(seeded.KeyWithinRetention, Start - TimeSpan.FromDays(1)), CancellationToken.None);
        await keys.CreateAsync(Key(seeded.KeyWithoutExpiry, expiresAt: null), CancellationToken.None);
        return seeded;
    }

    private async Task SeedExpiredAgainAsync(IServiceProvider provider)
    {
        var now = _time.GetUtcNow();
        await provider.GetRequiredService<IWebTokenStore>().ReplaceAsync(
            new WebToken { Subject = "expired-later", Hash = Hash(), IssuedAt = now, ExpiresAt = now + TimeSpan.FromMinutes(1) }, CancellationToken.None);
        await provider.GetRequiredService<ISessionStore>().CreateAsync(
            new Session { Id = "expired-later", UserId = "user-1", CreatedAt = now, ExpiresAt = now + TimeSpan.FromMinutes(1) }, CancellationToken.None);
    }

    private static ApiKey Key(Guid uuid, DateTimeOffset? expiresAt) => new()
    {
        Uuid = uuid,
        Name = "purge test",
        Prefix = "cc_test_",
        OwnerId = "user-1",
        CreatedAt = Start - TimeSpan.FromDays(60),
        ExpiresAt = expiresAt,
        Hash = Hash(),
    };

    private static SecretHash Hash() => SecretHash.FromBytes(RandomNumberGenerator.GetBytes(SecretHash.Length));

    private sealed record Seeded(SecretHash ExpiredToken, SecretHash LiveToken, Guid KeyBeyondRetention, Guid KeyWithinRetention, Guid KeyWithoutExpiry)
    {
        public async Task ShouldHoldOnlyTheLiveOnesAsync(IServiceProvider provider)
        {
            var tokens = provider.GetRequiredService<IWebTokenStore>();
            (await tokens.FindByHashAsync(ExpiredToken, CancellationToken.None)).Should().BeNull();
            (await tokens.FindByHashAsync(LiveToken, CancellationToken.None)).Should().NotBeNull();
            var sessions = provider.GetRequiredService<ISessionStore>();
            (await sessions.FindAsync("expired-session", CancellationToken.None)).Should().BeNull();
            (await sessions.FindAsync("live-session", CancellationToken.None)).Should().NotBeNull();
            await using var scope = provider.CreateAsyncScope();
            var keys = scope.ServiceProvider.GetRequiredService<IApiKeyStore>();
            (await keys.FindByUuidAsync(KeyBeyondRetention, CancellationToken.None)).Should().BeNull();
            (await keys.FindByUuidAsync(KeyWithinRetention, CancellationToken.None)).Should().NotBeNull();
            (await keys.FindByUuidAsync(KeyWithoutExpiry, CancellationToken.None)).Should().NotBeNull();
        }
    }
}

/// <summary>The host's own context: the library's tables come from ApplyCredentialsModel.</summary>
internal sealed class PurgeDb(DbContextOptions<PurgeDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}
