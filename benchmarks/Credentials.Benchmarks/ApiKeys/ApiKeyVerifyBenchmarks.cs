using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Credentials;
using Credentials.ApiKeys;
using Credentials.Secrets;
using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Benchmarks.ApiKeys;

/// <summary>
/// Verifying a presented key against the in-memory store, beside the least any hashed-key lookup must do: hash the
/// key (SHA-256, or HMAC-SHA-256 with a reused instance when a pepper is configured) and look the digest up in a
/// dictionary of the same size. Store sizes show whether the cost stays flat as keys accumulate.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyVerifyBenchmarks
{
    private readonly Dictionary<SecretHash, ApiKey> _baselineIndex = [];
    private ServiceProvider _provider = null!;
    private IApiKeyService _service = null!;
    private IncrementalHash _hmac = null!;
    private string _issued = null!;
    private string _unknown = null!;
    private string _typo = null!;

    [Params(1_000, 1_000_000)]
    public int StoredKeys { get; set; }

    [Params(false, true)]
    public bool Peppered { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var pepper = RandomNumberGenerator.GetBytes(32);
        var services = new ServiceCollection();
        services.AddCredentials(o =>
        {
            if (Peppered)
            {
                o.Hashing.Peppers["p1"] = pepper;
                o.Hashing.CurrentPepperId = "p1";
            }
        });
        _provider = services.BuildServiceProvider();
        _service = _provider.GetRequiredService<IApiKeyService>();
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, pepper);

        // Filler records with random hashes: the index size is what matters, not how the keys were made.
        var store = _provider.GetRequiredService<IApiKeyStore>();
        for (var i = 1; i < StoredKeys; i++)
        {
            var filler = new ApiKey
            {
                Uuid = Guid.NewGuid(),
                Name = "filler",
                Prefix = "cc_live_",
                OwnerId = "owner",
                CreatedAt = default,
                Hash = SecretHash.FromBytes(RandomNumberGenerator.GetBytes(SecretHash.Length)),
            };
            _baselineIndex[filler.Hash] = store.CreateAsync(filler, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        // The owner the key acts for, with what the key carries: the default owner ceiling reads it at each verification.
        _provider.GetRequiredService<InMemoryUserAuthenticator>().AddUserWithPasswordHash(
            new AuthenticatedUser { Id = "owner", Username = "owner", Permissions = [ApiKeyPermissions.Create, "read"] }, "unused");
        var creator = ApiKeyActor.User("owner", [ApiKeyPermissions.Create, "read"]);
        var created = _service.CreateAsync(new ApiKeyCreateRequest { Name = "probe", Permissions = ["read"] }, creator, CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
        _issued = created.PlainKey!;
        _baselineIndex[BaselineHash(_issued)] = created.Key!;

        var format = _provider.GetRequiredService<ApiKeyFormat>();
        _unknown = format.Render(CryptoSecretRandom.Instance);
        _typo = _issued[..20] + (_issued[20] == 'a' ? 'b' : 'a') + _issued[21..];
        if (!VerifyHit().Succeeded || !Baseline())
        {
            throw new InvalidOperationException("The benchmark setup is broken: the issued key does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hmac.Dispose();
        _provider.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hash + Dictionary lookup (raw)")]
    public bool Baseline() => _baselineIndex.TryGetValue(BaselineHash(_issued), out _);

    [Benchmark(Description = "VerifyAsync: hit")]
    public ApiKeyVerificationResult VerifyHit() => _service.VerifyAsync(_issued, CancellationToken.None).Result;

    [Benchmark(Description = "VerifyAsync: unknown")]
    public ApiKeyVerificationResult VerifyUnknown() => _service.VerifyAsync(_unknown, CancellationToken.None).Result;

    [Benchmark(Description = "VerifyAsync: malformed (typo)")]
    public ApiKeyVerificationResult VerifyMalformed() => _service.VerifyAsync(_typo, CancellationToken.None).Result;

    private SecretHash BaselineHash(string key)
    {
        Span<byte> bytes = stackalloc byte[128];
        Span<byte> digest = stackalloc byte[SecretHash.Length];
        var count = Encoding.UTF8.GetBytes(key, bytes);
        if (Peppered)
        {
            _hmac.AppendData(bytes[..count]);
            _hmac.GetHashAndReset(digest);
        }
        else
        {
            SHA256.HashData(bytes[..count], digest);
        }

        return SecretHash.FromBytes(digest);
    }
}
