using Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Where a sample keeps its keys and tokens, chosen by one value (the console sample reads the <c>CREDENTIALS_STORE</c>
/// environment variable, the web sample the <c>Credentials:Store</c> setting):
/// unset or <c>memory</c> keeps them in memory (gone at exit); <c>sqlite:credentials.db</c> (any file path) keeps them
/// in a SQLite file through the EF Core stores, so a restart finds them again. Wiring, in Program.cs:
/// <code>
/// services.AddCredentials().AddSampleStorage(Environment.GetEnvironmentVariable(SampleStorage.Setting));
/// ...
/// await SampleStorage.PrepareAsync(provider);
/// </code>
/// </summary>
internal static class SampleStorage
{
    public const string Setting = "CREDENTIALS_STORE";

    private const string SqlitePrefix = "sqlite:";

    public static ICredentialsBuilder AddSampleStorage(this ICredentialsBuilder credentials, string? store)
    {
        if (string.IsNullOrEmpty(store) || store == "memory")
        {
            return credentials;
        }

        if (!store.StartsWith(SqlitePrefix, StringComparison.Ordinal) || store.Length == SqlitePrefix.Length)
        {
            throw new ArgumentException($"{Setting} is 'memory' or 'sqlite:<file>', not '{store}'.", nameof(store));
        }

        var file = store[SqlitePrefix.Length..];
        credentials.Services.AddDbContext<SampleDbContext>(options => options.UseSqlite($"Data Source={file}"));
        return credentials.AddEntityFrameworkStores<SampleDbContext>();
    }

    /// <summary>Creates the SQLite file and its tables on first run (a real host would apply its migrations instead).</summary>
    public static async Task PrepareAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<SampleDbContext>() is { } context)
        {
            await context.Database.EnsureCreatedAsync();
        }
    }
}

/// <summary>The sample host's own context: its tables plus the Credentials ones.</summary>
internal sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}
