using Credentials.ApiKeys;
using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Credentials.Jwt;
using Credentials.Sessions;
using Credentials.Testing;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

// The core's store contract suites, unchanged, on each database: every store comes from a new database with the
// schema, wired the way a host wires it.

public sealed class SqliteApiKeyStoreContractTests(SqliteDatabase database) : ApiKeyStoreContractTests, IClassFixture<SqliteDatabase>
{
    protected override async Task<IApiKeyStore> CreateStoreAsync() =>
        (await database.CreateServicesAsync<HostDbContext>()).GetRequiredService<IApiKeyStore>();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresApiKeyStoreContractTests(PostgresDatabase database) : ApiKeyStoreContractTests
{
    protected override async Task<IApiKeyStore> CreateStoreAsync() =>
        (await database.CreateServicesAsync<HostDbContext>()).GetRequiredService<IApiKeyStore>();
}

public sealed class SqliteWebTokenStoreContractTests(SqliteDatabase database) : WebTokenStoreContractTests, IClassFixture<SqliteDatabase>
{
    protected override async Task<IWebTokenStore> CreateStoreAsync() =>
        (await database.CreateServicesAsync<HostDbContext>()).GetRequiredService<IWebTokenStore>();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresWebTokenStoreContractTests(PostgresDatabase database) : WebTokenStoreContractTests
{
    protected override async Task<IWebTokenStore> CreateStoreAsync() =>
        (await database.CreateServicesAsync<HostDbContext>()).GetRequiredService<IWebTokenStore>();
}

public sealed class SqliteSigningKeyStoreContractTests(SqliteDatabase database) : SigningKeyStoreContractTests, IClassFixture<SqliteDatabase>
{
    protected override async Task<ISigningKeyStore> CreateStoreAsync() =>
        (await database.CreateServicesAsync<HostDbContext>()).GetRequiredService<ISigningKeyStore>();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSigningKeyStoreContractTests(PostgresDatabase database) : SigningKeyStoreContractTests
{
    protected override async Task<ISigningKeyStore> CreateStoreAsync() =>
        (await database.CreateServicesAsync<HostDbContext>()).GetRequiredService<ISigningKeyStore>();
}

public sealed class SqliteSessionStoreContractTests(SqliteDatabase database) : SessionStoreContractTests, IClassFixture<SqliteDatabase>
{
    protected override async Task<ISessionStore> CreateStoreAsync() =>
        (await database.CreateServicesAsync<HostDbContext>()).GetRequiredService<ISessionStore>();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionStoreContractTests(PostgresDatabase database) : SessionStoreContractTests
{
    protected override async Task<ISessionStore> CreateStoreAsync() =>
        (await database.CreateServicesAsync<HostDbContext>()).GetRequiredService<ISessionStore>();
}
