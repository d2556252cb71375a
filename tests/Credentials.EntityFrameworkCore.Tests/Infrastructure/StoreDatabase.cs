using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// Creates fresh, empty databases with the Credentials schema on one provider and wires a host's services over them
/// exactly as a host would: <c>AddDbContext</c>, then <c>AddCredentials().AddEntityFrameworkStores&lt;TContext&gt;()</c>.
/// Disposing it disposes every service provider it built. xunit runs it as a fixture through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class StoreDatabase : IAsyncLifetime, IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>A connection string to a new empty database.</summary>
    public abstract Task<string> CreateEmptyDatabaseAsync();

    /// <summary>Points EF Core at this provider.</summary>
    public abstract void UseProvider(DbContextOptionsBuilder options, string connectionString);

    /// <summary>A connection string on which every operation fails (nothing listens there).</summary>
    public abstract string UnreachableConnectionString { get; }

    /// <summary>Services over a new database whose schema is created, for the given host context.</summary>
    public async Task<ServiceProvider> CreateServicesAsync<TContext>()
        where TContext : DbContext =>
        ServicesOver<TContext>(await CreateDatabaseWithSchemaAsync<TContext>());

    /// <summary>A connection string to a new database holding the tables of <typeparamref name="TContext"/>'s model.</summary>
    public async Task<string> CreateDatabaseWithSchemaAsync<TContext>()
        where TContext : DbContext
    {
        var connectionString = await CreateEmptyDatabaseAsync();
        var services = new ServiceCollection()
            .AddDbContext<TContext>(options => UseProvider(options, connectionString))
            .BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TContext>().Database.EnsureCreatedAsync();
        }

        return connectionString;
    }

    /// <summary>Services over an existing database (another connection pool to it, as a second host would have).</summary>
    public ServiceProvider ServicesOver<TContext>(string connectionString)
        where TContext : DbContext
    {
        var services = new ServiceCollection();
        services.AddDbContext<TContext>(options => UseProvider(options, connectionString));
        services.AddCredentials().AddEntityFrameworkStores<TContext>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        lock (_providers)
        {
            _providers.Add(provider);
        }

        return provider;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
