using Credentials.ApiKeys;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;

/// <summary>API keys: create one for a user, see it once, verify it, and watch the library refuse a typo and a deactivated key.</summary>
internal static class ApiKeysDemo
{
    public static async Task RunAsync(IServiceProvider services)
    {
        Console.WriteLine();
        Console.WriteLine("== API keys ==");

        // The service is scoped (a database-backed store would be), so use it inside a scope, as a web request does.
        await using var scope = services.CreateAsyncScope();
        var apiKeys = scope.ServiceProvider.GetRequiredService<IApiKeyService>();

        // Alice may create keys for herself only ("api.keys.create.own"), so she always owns what she creates. A key never
        // grants more than its owner holds, so the library reads her permissions from the user directory (here the
        // in-memory one; a host registers its own IUserDirectory).
        var alicePermissions = new[] { ApiKeyPermissions.CreateOwn, "read", "write" };
        services.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "alice", Username = "alice", Permissions = alicePermissions },
            "(alice signs in elsewhere in this demo)");
        var alice = ApiKeyActor.User("alice", alicePermissions);
        var created = await apiKeys.CreateAsync(
            new ApiKeyCreateRequest
            {
                Name = "CI deploy key",
                Permissions = ["read", "write"],
                MetadataJson = """{"environment":"production"}""",
            },
            alice,
            CancellationToken.None);

        if (!created.Succeeded)
        {
            Console.WriteLine($"Could not create the key: {created.Failure}");
            return;
        }

        // This is the only time the full key exists outside the caller: the store keeps its hash only.
        Console.WriteLine($"Created key {created.Key.Uuid} for {created.Key.OwnerId}.");
        Console.WriteLine($"Plain key (shown once, copy it now): {created.PlainKey}");

        var verified = await apiKeys.VerifyAsync(created.PlainKey, CancellationToken.None);
        Console.WriteLine($"Verify the key:            {(verified.Succeeded ? "accepted" : verified.Failure)} (owner {verified.OwnerId}, permissions {string.Join(", ", verified.Permissions)})");

        // One mistyped character breaks the checksum, so the key is refused without hashing or touching the store.
        var typo = created.PlainKey[..^1] + (created.PlainKey[^1] == 'x' ? 'y' : 'x');
        var refusedTypo = await apiKeys.VerifyAsync(typo, CancellationToken.None);
        Console.WriteLine($"Verify a typo:             {refusedTypo.Failure}");

        // A key she may not hold is refused with a field error, like any other invalid request.
        var beyond = await apiKeys.CreateAsync(new ApiKeyCreateRequest { Name = "too much", Permissions = ["reports.admin"] }, alice, CancellationToken.None);
        Console.WriteLine($"A key with reports.admin:  {beyond.Failure} ({string.Join(" ", beyond.Errors.SelectMany(e => e.Value))})");

        // The key carries no manage permission, so it may not touch its siblings (or itself): only its owner may.
        var asKey = ApiKeyActor.ApiKey(verified);
        var byKey = await apiKeys.DeactivateAsync(created.Key.Uuid, asKey, CancellationToken.None);
        Console.WriteLine($"The key deactivates keys:  {byKey.Failure}");

        await apiKeys.DeactivateAsync(created.Key.Uuid, alice, CancellationToken.None);
        var refusedInactive = await apiKeys.VerifyAsync(created.PlainKey, CancellationToken.None);
        Console.WriteLine($"Verify after deactivating: {refusedInactive.Failure}");
    }
}
