using Credentials.Jwt;
using Credentials.StackExchangeRedis.Storage;
using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.StackExchangeRedis.Tests.Storage;

/// <summary>Three instances (service providers) manage their JWT signing keys in one Redis, and what registers the store.</summary>
public sealed class RedisManagedSigningKeysTests(RedisServer server) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly JwtSubject Alice = new() { Id = "user-1", Name = "alice", Permissions = [] };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string _prefix = RedisServer.NewKeyPrefix();
    private readonly EphemeralDataProtectionProvider _dataProtection = new();
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task RefreshAsync_ThreeInstancesAtOnce_MakeOneKeyThatAllSignWithAndAccept()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => Instance()).ToArray();

        await RefreshAllAtOnceAsync(instances);
        var token = instances[0].GetRequiredService<IJwtIssuer>().Issue(Alice);

        (await instances[0].GetRequiredService<ISigningKeyStore>().ListAsync(CancellationToken.None)).Should().ContainSingle();
        instances.Select(i => i.GetRequiredService<JwtKeyRing>().CurrentKeyId).Should().AllBe(token.KeyId);
        instances.Should().AllSatisfy(i => i.GetRequiredService<IJwtValidator>().Validate(token.Token).Succeeded.Should().BeTrue());
    }

    [Fact]
    public async Task RefreshAsync_SuccessorDueOnThreeInstancesAtOnce_MakeOneSuccessorAndDropTheOldKeyLater()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => Instance()).ToArray();
        await instances[0].GetRequiredService<JwtKeyRing>().RefreshAsync(CancellationToken.None);
        var store = instances[0].GetRequiredService<ISigningKeyStore>();
        _time.Advance(TimeSpan.FromDays(28));

        await RefreshAllAtOnceAsync(instances);
        var stored = await store.ListAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(10));
        await RefreshAllAtOnceAsync(instances);

        stored.Select(k => k.Generation).Should().Equal(1, 2);
        stored[1].ActivatesAt.Should().Be(stored[0].ActivatesAt + TimeSpan.FromDays(30));
        (await store.ListAsync(CancellationToken.None)).Select(k => k.Generation).Should().Equal(2);
    }

    [Fact]
    public void AddRedis_WithoutUseRedisSigningKeys_LeavesSigningKeysWhereTheyWere()
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddRedis(_ => server.Multiplexer);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ISigningKeyStore>().Should().BeOfType<InMemorySigningKeyStore>();
    }

    [Fact]
    public void UseRedisSigningKeys_WithoutAddRedis_FailsSayingWhatToCall()
    {
        var services = new ServiceCollection();
        services.AddCredentials().UseRedisSigningKeys();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<ISigningKeyStore>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddRedis(...)*");
    }

    [Fact]
    public void UseRedisSigningKeys_WithTheEphemeralProtector_RefusesToStart()
    {
        var services = new ServiceCollection();
        services.AddCredentials(o =>
            {
                o.Jwt.Issuer = "https://login.example.test";
                o.Jwt.Audience = "example-api";
            })
            .AddRedis(_ => server.Multiplexer, o => o.KeyPrefix = _prefix)
            .UseManagedSigningKeys()
            .UseRedisSigningKeys();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ISigningKeyStore>().Should().BeOfType<RedisSigningKeyStore>();
        var act = () => provider.GetRequiredService<JwtKeyRing>();
        act.Should().Throw<InvalidOperationException>().WithMessage("*protector every instance shares*");
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private static Task RefreshAllAtOnceAsync(ServiceProvider[] instances) =>
        Task.WhenAll(instances.Select(i => Task.Run(() => i.GetRequiredService<JwtKeyRing>().RefreshAsync(CancellationToken.None))));

    private ServiceProvider Instance()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddCredentials(o =>
            {
                o.Jwt.Issuer = "https://login.example.test";
                o.Jwt.Audience = "example-api";
            })
            .AddRedis(_ => server.Multiplexer, o => o.KeyPrefix = _prefix)
            .UseManagedSigningKeys()
            .UseRedisSigningKeys()
            .UseDataProtectionForSigningKeys();
        // One Data Protection key ring for the three instances, as a shared key store gives them in production.
        services.AddSingleton<IDataProtectionProvider>(_dataProtection);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }
}
