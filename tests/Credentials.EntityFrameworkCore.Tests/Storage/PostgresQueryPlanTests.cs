using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Npgsql;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// The hot lookups stay flat as tables grow because PostgreSQL answers them from the indexes; checked on the plan with
/// 100,000 rows, not by timing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryPlanTests(PostgresDatabase database)
{
    // The shapes of the stores' reads: verification by hash (keys and tokens), by uuid, and the owner's listing.
    private static readonly string[] Lookups =
    [
        "SELECT * FROM credentials_api_keys WHERE hash = $1 OR previous_hash = $1 LIMIT 1",
        "SELECT * FROM credentials_web_tokens WHERE hash = $1 LIMIT 1",
        "SELECT * FROM credentials_api_keys WHERE uuid = '6f1c2b9e-0d4a-4c1e-9f3b-2a7d5e8c1b40' LIMIT 1",
        "SELECT * FROM credentials_api_keys WHERE owner_id = 'owner-7' ORDER BY created_at, id",
    ];

    [Fact]
    public async Task Lookups_At100000Rows_UseAnIndexNotASequentialScan()
    {
        await using var connection = new NpgsqlConnection(await database.CreateDatabaseWithSchemaAsync<HostDbContext>());
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand(
            """
            INSERT INTO credentials_api_keys (uuid, name, prefix, owner_id, is_active, permissions, created_at, hash)
            SELECT gen_random_uuid(), 'key', 'cc_', 'owner-' || (i % 10000), true, '[]', i, sha256(convert_to('key-' || i, 'UTF8'))
            FROM generate_series(1, 100000) AS i;
            INSERT INTO credentials_web_tokens (subject, hash, issued_at, expires_at)
            SELECT 'subject-' || i, sha256(convert_to('token-' || i, 'UTF8')), 0, i FROM generate_series(1, 100000) AS i;
            ANALYZE;
            """, connection))
        {
            await fill.ExecuteNonQueryAsync();
        }

        foreach (var query in Lookups)
        {
            var plan = await ExplainAsync(connection, query);
            var text = query + "\n" + string.Join('\n', plan);
            plan.Should().NotContain(line => line.Contains("Seq Scan", StringComparison.Ordinal), text);
            plan.Should().Contain(line => line.Contains("Index", StringComparison.Ordinal), text);
        }
    }

    private static async Task<List<string>> ExplainAsync(NpgsqlConnection connection, string query)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN " + query, connection);
        if (query.Contains("$1", StringComparison.Ordinal))
        {
            explain.Parameters.Add(new NpgsqlParameter { Value = new byte[32] });
        }

        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }
}
