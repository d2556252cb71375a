using Credentials.Invalidation;
using Credentials.Npgsql.Tests.Infrastructure;
using Credentials.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Credentials.Npgsql.Tests.Invalidation;

/// <summary>
/// The invalidation channel contract on a real PostgreSQL: each instance is a container of its own with its own data
/// source, as <c>AddPostgreSqlInvalidation(connectionString)</c> wires it; a test's scope is its channel name, and
/// cutting the connection terminates the listeners' backends.
/// </summary>
public sealed class PostgreSqlInvalidationChannelContractTests(PostgresServer server, ITestOutputHelper output)
    : InvalidationChannelContractTests(output), IClassFixture<PostgresServer>, IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];

    protected override string TransportName => "PostgreSQL LISTEN/NOTIFY";

    protected override Task<ICredentialInvalidationChannel> CreateInstanceAsync(string scope)
    {
        var services = new ServiceCollection();
        services.AddCredentials().AddPostgreSqlInvalidation(server.ConnectionString, options => options.ChannelName = scope);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult(provider.GetRequiredService<ICredentialInvalidationChannel>());
    }

    protected override Task InjectAsync(string scope, string payload) => server.ScalarAsync("SELECT pg_notify($1, $2)", scope, payload);

    protected override async Task InterruptAsync(string scope)
    {
        var terminated = await server.ScalarAsync(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = $1", $"LISTEN {scope}");
        terminated.Should().Be(2L, "each instance listens on a connection of its own");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
