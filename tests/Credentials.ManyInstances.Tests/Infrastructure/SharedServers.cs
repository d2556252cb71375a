using Credentials.StackExchangeRedis.Tests.Infrastructure;
using Credentials.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL and one throwaway Redis for the whole run: the servers every pair of instances shares.
/// Each pair gets a database and a key prefix of its own, so tests stay apart without flushing anything.
/// </summary>
public sealed class SharedServers(IMessageSink diagnostics) : IAsyncLifetime
{
    private ThrowawayPostgres? _postgres;
    private ThrowawayRedis? _redis;

    internal ThrowawayRedis Redis => _redis ?? throw new InvalidOperationException("The servers have not started.");

    private ThrowawayPostgres Postgres => _postgres ?? throw new InvalidOperationException("The servers have not started.");

    public async Task InitializeAsync()
    {
        _postgres = await ThrowawayPostgres.StartAsync();
        _redis = await ThrowawayRedis.StartAsync(message => diagnostics.OnMessage(new DiagnosticMessage(message)));
    }

    /// <summary>A new database holding the credential tables, as the host's migrations would make them.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "instances_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(Postgres.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = Postgres.ConnectionString(name);
        await using var context = new InstanceDbContext(new DbContextOptionsBuilder<InstanceDbContext>().UseNpgsql(connectionString).Options);
        await context.Database.EnsureCreatedAsync();
        return connectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

/// <summary>Every test class shares the servers, and runs one at a time, so measurements do not overlap.</summary>
[CollectionDefinition(Name)]
public sealed class SharedServersCollection : ICollectionFixture<SharedServers>
{
    public const string Name = "Shared servers";
}
