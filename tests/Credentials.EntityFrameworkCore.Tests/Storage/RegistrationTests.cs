using Credentials.ApiKeys;
using Credentials.EntityFrameworkCore.Storage;
using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

/// <summary>AddEntityFrameworkStores in a host: it replaces the in-memory stores, and the core's services run on the database.</summary>
public sealed class RegistrationTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public void AddEntityFrameworkStores_AfterAddCredentials_ReplacesTheInMemoryStores()
    {
        var services = new ServiceCollection();

        services.AddCredentials().AddEntityFrameworkStores<HostDbContext>();

        services.Where(d => d.ServiceType == typeof(IWebTokenStore)).Should().ContainSingle()
            .Which.ImplementationType.Should().Be<EntityFrameworkWebTokenStore<HostDbContext>>();
        services.Where(d => d.ServiceType == typeof(IApiKeyStore)).Should().ContainSingle()
            .Which.ImplementationType.Should().Be<EntityFrameworkApiKeyStore<HostDbContext>>();
        services.Where(d => d.ServiceType == typeof(IWebTokenStore)).Single().Lifetime.Should().Be(ServiceLifetime.Singleton);
    }

    [Fact]
    public async Task WebTokenService_TwoHostsOnOneDatabase_AReissueOnOneRevokesTheOldTokenOnTheOther()
    {
        var connectionString = await database.CreateDatabaseWithSchemaAsync<HostDbContext>();
        var first = database.ServicesOver<HostDbContext>(connectionString).GetRequiredService<IWebTokenService>();
        var second = database.ServicesOver<HostDbContext>(connectionString).GetRequiredService<IWebTokenService>();

        var old = await first.IssueAsync("api-key-7", default);
        (await second.ValidateAsync(old.Token, default)).Subject.Should().Be("api-key-7");

        var fresh = await second.IssueAsync("api-key-7", default);

        (await first.ValidateAsync(old.Token, default)).Succeeded.Should().BeFalse();
        (await first.ValidateAsync(fresh.Token, default)).Subject.Should().Be("api-key-7");
    }
}
