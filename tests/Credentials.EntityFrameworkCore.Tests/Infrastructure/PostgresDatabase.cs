using Credentials.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Credentials.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run (a collection fixture shared by every PostgreSQL test
/// class), with a new database per store.
/// </summary>
public sealed class PostgresDatabase : StoreDatabase
{
    private ThrowawayPostgres? _server;

    internal ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("The server has not started.");

    // Port 1 on loopback: nothing listens there, so connecting is refused at once.
    public override string UnreachableConnectionString => "Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=3";

    public override async Task InitializeAsync() => _server = await ThrowawayPostgres.StartAsync();

    public override async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "credentials_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(Server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return Server.ConnectionString(name);
    }

    public override void UseProvider(DbContextOptionsBuilder options, string connectionString) => options.UseNpgsql(connectionString);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresDatabase>
{
    public const string Name = "PostgreSQL";
}
