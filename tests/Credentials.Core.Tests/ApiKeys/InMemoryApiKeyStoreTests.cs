using Credentials.ApiKeys;
using Credentials.Testing;

namespace Credentials.Core.Tests.ApiKeys;

public sealed class InMemoryApiKeyStoreTests : ApiKeyStoreContractTests
{
    protected override Task<IApiKeyStore> CreateStoreAsync() => Task.FromResult<IApiKeyStore>(new InMemoryApiKeyStore());

    [Fact]
    public async Task RecordLastUsedAsync_OlderThanStored_KeepsLatest()
    {
        var store = new InMemoryApiKeyStore();
        var created = await store.CreateAsync(NewKey("owner-1"), CancellationToken.None);
        var later = created.CreatedAt.AddMinutes(10);

        await store.RecordLastUsedAsync(created.Id, later, CancellationToken.None);
        await store.RecordLastUsedAsync(created.Id, later.AddMinutes(-5), CancellationToken.None);

        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.LastUsedAt.Should().Be(later);
    }

    [Fact]
    public async Task CreateAsync_CallerMutatesPermissionsAfterwards_StoredCopyUnchanged()
    {
        var store = new InMemoryApiKeyStore();
        var permissions = new List<string> { "read" };
        var created = await store.CreateAsync(NewKey("owner-1") with { Permissions = permissions }, CancellationToken.None);

        permissions.Add("admin");

        (await store.FindByUuidAsync(created.Uuid, CancellationToken.None))!.Permissions.Should().Equal("read");
    }
}
