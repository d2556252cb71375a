using Microsoft.EntityFrameworkCore;

namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>The host's own context, the same in every instance: the credential tables and nothing else.</summary>
public sealed class InstanceDbContext(DbContextOptions<InstanceDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}
