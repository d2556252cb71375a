using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Credentials.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>SQLite database files in a temporary directory, one per store, deleted on dispose.</summary>
public sealed class SqliteDatabase : StoreDatabase
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("credentials-sqlite-");

    // A file under a directory that does not exist: SQLite cannot open it.
    public override string UnreachableConnectionString =>
        $"Data Source={Path.Combine(_directory.FullName, "missing", "none.db")};Mode=ReadWrite";

    public override Task<string> CreateEmptyDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N") + ".db")}");

    public override void UseProvider(DbContextOptionsBuilder options, string connectionString) => options.UseSqlite(connectionString);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
