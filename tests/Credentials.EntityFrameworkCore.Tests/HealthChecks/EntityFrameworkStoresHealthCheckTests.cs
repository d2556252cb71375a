using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credentials.EntityFrameworkCore.Tests.HealthChecks;

/// <summary><c>AddHealthChecks().AddCredentialsEntityFrameworkStores&lt;TContext&gt;()</c> on a real database.</summary>
public abstract class EntityFrameworkStoresHealthCheckTests(StoreDatabase database) : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Check_DatabaseWithTheTables_IsHealthy()
    {
        var entry = await CheckAsync<HostDbContext>(await database.CreateDatabaseWithSchemaAsync<HostDbContext>());

        entry.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Check_RenamedTables_IsHealthy()
    {
        var entry = await CheckAsync<RenamedDbContext>(await database.CreateDatabaseWithSchemaAsync<RenamedDbContext>());

        entry.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Check_DatabaseWithoutTheTables_IsUnhealthyNamingTheTable()
    {
        // A database that exists (a SQLite file too) but holds none of the Credentials tables.
        var connectionString = await database.CreateDatabaseWithSchemaAsync<UnmappedDbContext>();

        var entry = await CheckAsync<HostDbContext>(connectionString);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("credentials_api_keys");
        AssertNothingOf(connectionString, entry);
    }

    [Fact]
    public async Task Check_OneTableDropped_IsUnhealthyNamingIt()
    {
        var connectionString = await database.CreateDatabaseWithSchemaAsync<HostDbContext>();
        await using (var provider = Services<HostDbContext>(connectionString))
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE credentials_sessions");
        }

        var entry = await CheckAsync<HostDbContext>(connectionString);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("credentials_sessions");
    }

    [Fact]
    public async Task Check_UnreachableDatabase_IsUnhealthy()
    {
        var entry = await CheckAsync<HostDbContext>(database.UnreachableConnectionString);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("cannot be reached");
        AssertNothingOf(database.UnreachableConnectionString, entry);
    }

    [Fact]
    public async Task Check_ContextWithoutTheModel_IsUnhealthySayingWhatToCall()
    {
        var entry = await CheckAsync<UnmappedDbContext>(await database.CreateDatabaseWithSchemaAsync<UnmappedDbContext>());

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("ApplyCredentialsModel");
    }

    /// <summary>No part of the connection string (host, file, user, password) in the description, data or exception.</summary>
    private static void AssertNothingOf(string connectionString, HealthReportEntry entry)
    {
        entry.Exception.Should().BeNull();
        entry.Data.Should().BeEmpty();
        foreach (var part in connectionString.Split(';').Select(p => p.Split('=')[^1]).Where(v => v.Length > 3))
        {
            entry.Description.Should().NotContain(part);
        }
    }

    private async Task<HealthReportEntry> CheckAsync<TContext>(string connectionString)
        where TContext : DbContext
    {
        var provider = Services<TContext>(connectionString);
        _providers.Add(provider);
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[EntityFrameworkHealthChecksBuilderExtensions.StoresCheckName];
    }

    private ServiceProvider Services<TContext>(string connectionString)
        where TContext : DbContext
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<TContext>(options => database.UseProvider(options, connectionString));
        services.AddCredentials().AddEntityFrameworkStores<TContext>();
        services.AddHealthChecks().AddCredentialsEntityFrameworkStores<TContext>();
        return services.BuildServiceProvider();
    }
}

public sealed class SqliteEntityFrameworkStoresHealthCheckTests(SqliteDatabase database)
    : EntityFrameworkStoresHealthCheckTests(database), IClassFixture<SqliteDatabase>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEntityFrameworkStoresHealthCheckTests(PostgresDatabase database)
    : EntityFrameworkStoresHealthCheckTests(database);
