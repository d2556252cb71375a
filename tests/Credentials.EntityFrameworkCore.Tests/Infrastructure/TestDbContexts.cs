using Microsoft.EntityFrameworkCore;

namespace Credentials.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A host context with the default Credentials mapping.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}

/// <summary>A host context that renames everything, with names that need quoting, to prove no SQL assumes the defaults.</summary>
public sealed class RenamedDbContext(DbContextOptions<RenamedDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel(names =>
    {
        names.ApiKeysTable = "Host API Keys";
        names.WebTokensTable = "Host \"Web\" Tokens";
        names.ColumnName = property => "Col " + property;
    });
}

/// <summary>A host context that forgot <c>ApplyCredentialsModel</c>.</summary>
public sealed class UnmappedDbContext(DbContextOptions<UnmappedDbContext> options) : DbContext(options);
