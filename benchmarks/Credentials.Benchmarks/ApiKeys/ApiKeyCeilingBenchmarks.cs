using BenchmarkDotNet.Attributes;
using Credentials.ApiKeys;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Benchmarks.ApiKeys;

/// <summary>
/// What the owner ceiling costs a verification: the same valid key verified with the ceiling off (the key grants its own
/// permissions; the baseline), with the owner holding everything the key carries (one directory lookup, no allocation),
/// and with the owner having lost one of the key's permissions (the grant is rebuilt). In-memory store and directory,
/// 1,000 keys' owners in the directory, no pepper; all three in one run, so the ratios compare like with like.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyCeilingBenchmarks
{
    private IApiKeyService _keyPermissions = null!;
    private IApiKeyService _ownerHoldsAll = null!;
    private IApiKeyService _ownerLostOne = null!;
    private string _keyA = null!;
    private string _keyB = null!;
    private string _keyC = null!;
    private readonly List<ServiceProvider> _providers = [];

    [GlobalSetup]
    public void Setup()
    {
        (_keyPermissions, _keyA) = Host(ApiKeyPermissionCeiling.KeyPermissions, ["read", "write"]);
        (_ownerHoldsAll, _keyB) = Host(ApiKeyPermissionCeiling.OwnerPermissions, ["read", "write"]);
        (_ownerLostOne, _keyC) = Host(ApiKeyPermissionCeiling.OwnerPermissions, ["read"]);
    }

    [GlobalCleanup]
    public void Cleanup() => _providers.ForEach(p => p.Dispose());

    [Benchmark(Baseline = true)]
    public ApiKeyVerificationFailure? CeilingOff() => _keyPermissions.VerifyAsync(_keyA, CancellationToken.None).AsTask().GetAwaiter().GetResult().Failure;

    [Benchmark]
    public ApiKeyVerificationFailure? OwnerHoldsEverything() => _ownerHoldsAll.VerifyAsync(_keyB, CancellationToken.None).AsTask().GetAwaiter().GetResult().Failure;

    [Benchmark]
    public ApiKeyVerificationFailure? OwnerLostAPermission() => _ownerLostOne.VerifyAsync(_keyC, CancellationToken.None).AsTask().GetAwaiter().GetResult().Failure;

    /// <summary>A host whose owner "owner-500" holds <paramref name="ownerHoldsAfterwards"/> once its read+write key exists.</summary>
    private (IApiKeyService Service, string Key) Host(ApiKeyPermissionCeiling ceiling, string[] ownerHoldsAfterwards)
    {
        var services = new ServiceCollection();
        var directory = new BenchmarkDirectory();
        services.AddSingleton<IUserDirectory>(directory);
        services.AddCredentials(o => o.ApiKeys.PermissionCeiling = ceiling);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        for (var i = 0; i < 1_000; i++)
        {
            directory.Set($"owner-{i}", [ApiKeyPermissions.CreateOwn, "read", "write"]);
        }

        var service = provider.GetRequiredService<IApiKeyService>();
        var created = service.CreateAsync(
            new ApiKeyCreateRequest { Name = "probe", Permissions = ["read", "write"] },
            ApiKeyActor.User("owner-500", [ApiKeyPermissions.CreateOwn, "read", "write"]),
            CancellationToken.None).AsTask().GetAwaiter().GetResult();
        directory.Set("owner-500", ownerHoldsAfterwards);
        var verified = service.VerifyAsync(created.PlainKey, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (!verified.Succeeded || verified.Permissions.Count != (ceiling == ApiKeyPermissionCeiling.KeyPermissions ? 2 : ownerHoldsAfterwards.Length))
        {
            throw new InvalidOperationException($"Benchmark setup is wrong: {verified}.");
        }

        return (service, created.PlainKey!);
    }

    /// <summary>A dictionary of users, as a host's cached directory would be.</summary>
    private sealed class BenchmarkDirectory : IUserDirectory
    {
        private readonly Dictionary<string, AuthenticatedUser> _users = new(StringComparer.Ordinal);

        public void Set(string id, string[] permissions) => _users[id] = new AuthenticatedUser { Id = id, Username = id, Permissions = permissions };

        public ValueTask<AuthenticatedUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
            new(_users.TryGetValue(userId, out var user) ? user : null);
    }
}
