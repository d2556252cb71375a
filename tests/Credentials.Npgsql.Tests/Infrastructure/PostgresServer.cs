using Credentials.Testing;
using Npgsql;

namespace Credentials.Npgsql.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL server for a test class, with a plain connection of the test's own for its checks.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private ThrowawayPostgres? _server;

    public string ConnectionString => (_server ?? throw new InvalidOperationException("The server has not started.")).ConnectionString();

    public async Task InitializeAsync() => _server = await ThrowawayPostgres.StartAsync();

    /// <summary>Runs <paramref name="sql"/> with positional parameters and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
