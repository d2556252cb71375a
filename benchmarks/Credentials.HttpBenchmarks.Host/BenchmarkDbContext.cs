using Microsoft.EntityFrameworkCore;

namespace Credentials.HttpBenchmarks.Host;

/// <summary>The host's own context, as a real host has one: the credential tables and nothing else.</summary>
internal sealed class BenchmarkDbContext(DbContextOptions<BenchmarkDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}
