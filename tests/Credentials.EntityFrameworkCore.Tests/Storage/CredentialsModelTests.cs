using Credentials.EntityFrameworkCore.Storage;
using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

/// <summary>The mapping a host's migrations pick up, read from the model (no database needed).</summary>
public sealed class CredentialsModelTests
{
    private static IModel Model<TContext>(Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        using var context = create(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=:memory:").Options);
        return context.GetService<IDesignTimeModel>().Model;
    }

    [Fact]
    public void ApplyCredentialsModel_ApiKeys_UniqueByHashPreviousHashAndUuid_IndexedByOwner()
    {
        var keys = Model<HostDbContext>(options => new(options)).FindEntityType(typeof(ApiKeyRow))!;

        keys.GetTableName().Should().Be("credentials_api_keys");
        Indexes(keys).Should().BeEquivalentTo(new Dictionary<string, bool>
        {
            ["hash"] = true,
            ["previous_hash"] = true,
            ["uuid"] = true,
            ["owner_id"] = false,
        });
        keys.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).Should().Equal("id");
        keys.FindProperty(nameof(ApiKeyRow.Hash))!.GetMaxLength().Should().Be(32);
        keys.FindProperty(nameof(ApiKeyRow.Hash))!.IsFixedLength().Should().BeTrue();
        keys.FindProperty(nameof(ApiKeyRow.Name))!.GetMaxLength().Should().Be(255);
        keys.FindProperty(nameof(ApiKeyRow.OwnerId))!.GetMaxLength().Should().Be(255);
        keys.FindProperty(nameof(ApiKeyRow.MetadataJson))!.GetMaxLength().Should().BeNull("metadata is unbounded text");
    }

    [Fact]
    public void ApplyCredentialsModel_WebTokens_SubjectIsTheKey_HashUnique()
    {
        var tokens = Model<HostDbContext>(options => new(options)).FindEntityType(typeof(WebTokenRow))!;

        tokens.GetTableName().Should().Be("credentials_web_tokens");
        tokens.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).Should().Equal("subject");
        Indexes(tokens).Should().BeEquivalentTo(new Dictionary<string, bool> { ["hash"] = true, ["expires_at"] = false });
    }

    [Fact]
    public void ApplyCredentialsModel_Sessions_IdIsTheKey_IndexedByUserAndExpiry_RefreshHashesKeyedByHash()
    {
        var model = Model<HostDbContext>(options => new(options));
        var sessions = model.FindEntityType(typeof(SessionRow))!;
        var refreshTokens = model.FindEntityType(typeof(SessionRefreshTokenRow))!;

        sessions.GetTableName().Should().Be("credentials_sessions");
        sessions.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).Should().Equal("id");
        Indexes(sessions).Should().BeEquivalentTo(new Dictionary<string, bool> { ["user_id"] = false, ["expires_at"] = false });
        refreshTokens.GetTableName().Should().Be("credentials_session_refresh_tokens");
        refreshTokens.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).Should().Equal("hash");
        refreshTokens.FindProperty(nameof(SessionRefreshTokenRow.Hash))!.GetMaxLength().Should().Be(32);
    }

    [Fact]
    public void ApplyCredentialsModel_Instants_StoredAsUtcTicks()
    {
        var tokens = Model<HostDbContext>(options => new(options)).FindEntityType(typeof(WebTokenRow))!;
        var expiresAt = tokens.FindProperty(nameof(WebTokenRow.ExpiresAt))!;

        expiresAt.GetTypeMapping().Converter!.ProviderClrType.Should().Be<long>();
        expiresAt.GetTypeMapping().Converter!.ConvertToProvider(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)))
            .Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks);
    }

    [Fact]
    public void ApplyCredentialsModel_CustomNames_AppliedToTablesAndEveryColumn()
    {
        var model = Model<RenamedDbContext>(options => new(options));
        var keys = model.FindEntityType(typeof(ApiKeyRow))!;

        keys.GetTableName().Should().Be("Host API Keys");
        keys.GetProperties().Select(p => p.GetColumnName()).Should().OnlyContain(name => name.StartsWith("Col ", StringComparison.Ordinal));
        model.FindEntityType(typeof(WebTokenRow))!.GetTableName().Should().Be("Host \"Web\" Tokens");
    }

    private static Dictionary<string, bool> Indexes(IEntityType entity) =>
        entity.GetIndexes().ToDictionary(i => string.Join(",", i.Properties.Select(p => p.GetColumnName())), i => i.IsUnique);
}
