using Credentials.ApiKeys;
using Credentials.EntityFrameworkCore.Storage;
using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Credentials.Users;
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

    [Fact]
    public async Task ApiKeyService_KeyCreatedBeforeARestart_VerifiesAfterIt()
    {
        var connectionString = await database.CreateDatabaseWithSchemaAsync<HostDbContext>();
        var before = database.ServicesOver<HostDbContext>(connectionString);
        KnowOwner(before);
        ApiKeyCreateResult created;
        await using (var request = before.CreateAsyncScope())
        {
            created = await request.ServiceProvider.GetRequiredService<IApiKeyService>().CreateAsync(
                new ApiKeyCreateRequest { Name = "durable" }, Creator, default);
        }

        await before.DisposeAsync();

        await using var after = database.ServicesOver<HostDbContext>(connectionString);
        KnowOwner(after);
        await using var nextRequest = after.CreateAsyncScope();
        var verified = await nextRequest.ServiceProvider.GetRequiredService<IApiKeyService>().VerifyAsync(created.PlainKey, default);

        created.Succeeded.Should().BeTrue();
        verified.Succeeded.Should().BeTrue();
        verified.Key!.Uuid.Should().Be(created.Key!.Uuid);
    }

    [Fact]
    public async Task ApiKeyService_DatabaseDown_CreateThrowsAndHandsOutNoKey()
    {
        await using var services = database.ServicesOver<HostDbContext>(database.UnreachableConnectionString);
        KnowOwner(services);
        await using var request = services.CreateAsyncScope();
        ApiKeyCreateResult? result = null;

        var act = async () => result = await request.ServiceProvider.GetRequiredService<IApiKeyService>().CreateAsync(
            new ApiKeyCreateRequest { Name = "lost" }, Creator, default);

        await act.Should().ThrowAsync<CredentialStoreException>();
        result.Should().BeNull("no plain key leaves a create that stored nothing");
    }

    /// <summary>The key's owner, in the user directory the owner ceiling reads (the in-memory one here).</summary>
    private static void KnowOwner(IServiceProvider services) =>
        services.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "user-1", Username = "user-1", Permissions = [ApiKeyPermissions.Create] }, "unused");

    private static ApiKeyActor Creator => ApiKeyActor.User("user-1", [ApiKeyPermissions.Create]);
}
