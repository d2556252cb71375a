using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Credentials.Jwt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

/// <summary>Three instances (service providers with their own connection pools) manage their signing keys in one database.</summary>
public abstract class ManagedSigningKeysOnDatabaseTests(StoreDatabase database) : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task RefreshAsync_ThreeInstancesAtOnce_MakeOneKeyThatAllSignWithAndAccept()
    {
        var connectionString = await database.CreateDatabaseWithSchemaAsync<HostDbContext>();
        var instances = Enumerable.Range(0, 3).Select(_ => Instance(connectionString)).ToArray();

        await Task.WhenAll(instances.Select(i => Task.Run(() => i.GetRequiredService<JwtKeyRing>().RefreshAsync(CancellationToken.None))));
        var token = instances[0].GetRequiredService<IJwtIssuer>().Issue(new JwtSubject { Id = "user-1", Name = "alice", Permissions = [] });

        (await instances[0].GetRequiredService<ISigningKeyStore>().ListAsync(CancellationToken.None)).Should().ContainSingle();
        instances.Select(i => i.GetRequiredService<JwtKeyRing>().CurrentKeyId).Should().AllBe(token.KeyId);
        instances.Should().AllSatisfy(i => i.GetRequiredService<IJwtValidator>().Validate(token.Token).Succeeded.Should().BeTrue());
    }

    [Fact]
    public async Task RefreshAsync_SuccessorDueOnThreeInstancesAtOnce_MakeOneSuccessor()
    {
        var connectionString = await database.CreateDatabaseWithSchemaAsync<HostDbContext>();
        var instances = Enumerable.Range(0, 3).Select(_ => Instance(connectionString)).ToArray();
        await instances[0].GetRequiredService<JwtKeyRing>().RefreshAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(28));

        await Task.WhenAll(instances.Select(i => Task.Run(() => i.GetRequiredService<JwtKeyRing>().RefreshAsync(CancellationToken.None))));

        var stored = await instances[0].GetRequiredService<ISigningKeyStore>().ListAsync(CancellationToken.None);
        stored.Select(k => k.Generation).Should().Equal(1, 2);
        stored[1].ActivatesAt.Should().Be(stored[0].ActivatesAt + TimeSpan.FromDays(30));
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private ServiceProvider Instance(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddDbContext<HostDbContext>(options => database.UseProvider(options, connectionString));
        services.AddCredentials(o =>
            {
                o.Jwt.Issuer = "https://login.example.test";
                o.Jwt.Audience = "example-api";
            })
            .AddEntityFrameworkStores<HostDbContext>()
            .UseManagedSigningKeys()
            .UseSigningKeyProtector<PassThroughProtector>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>Stores keys as they are: what these tests prove is the database's arbitration, not the sealing.</summary>
    private sealed class PassThroughProtector : ISigningKeyProtector
    {
        public ValueTask<byte[]> ProtectAsync(byte[] privateKey, CancellationToken cancellationToken) => ValueTask.FromResult(privateKey.ToArray());

        public ValueTask<byte[]> UnprotectAsync(byte[] protectedPrivateKey, CancellationToken cancellationToken) => ValueTask.FromResult(protectedPrivateKey.ToArray());
    }
}

public sealed class SqliteManagedSigningKeysTests(SqliteDatabase database) : ManagedSigningKeysOnDatabaseTests(database), IClassFixture<SqliteDatabase>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresManagedSigningKeysTests(PostgresDatabase database) : ManagedSigningKeysOnDatabaseTests(database);
