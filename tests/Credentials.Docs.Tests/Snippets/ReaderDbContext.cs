namespace Credentials.Docs.Tests.Snippets;

/// <summary>
/// The reader's <c>AppDbContext</c> for snippets that use one without declaring it (the EF Core page declares its
/// own, and then this one stays out). It keeps Data Protection keys too, as the JWT page's snippet asks.
/// </summary>
internal static class ReaderDbContext
{
    public const string Name = "AppDbContext";

    public const string Source = """
        internal sealed class AppDbContext(DbContextOptions<AppDbContext> options)
            : DbContext(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
        {
            public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
                Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();
        }
        """;
}
