using Credentials.ApiKeys;
using Credentials.Core.Tests.ApiKeys;
using Credentials.Secrets;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Core.Tests.Secrets;

/// <summary>
/// The one pepper loop (<see cref="SecretHasher.FindAsync"/>), and both primitives that use it behaving alike: a record
/// found under a pepper it does not name is passed over, and the next pepper is tried.
/// </summary>
public class PepperLoopTests
{
    private static readonly byte[] Pepper = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] OtherPepper = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    public enum Primitive
    {
        ApiKey,
        WebToken,
    }

    [Fact]
    public async Task FindAsync_RecordOfARetiredPepper_FoundOnTheSecondLookup()
    {
        using var hasher = Hasher("new", ("old", Pepper), ("new", OtherPepper));
        var stored = new Stored(hasher.TryHash("secret", "old", out var hash) ? hash : default, "old");
        var lookups = new List<SecretHash>();

        var match = await hasher.FindAsync<List<SecretHash>, Stored>("secret", lookups, (seen, h, _) => { seen.Add(h); return new(h == stored.Hash ? stored : null); }, Hashed, default);

        match!.Value.PepperId.Should().Be("old");
        lookups.Should().HaveCount(2);
    }

    [Fact]
    public async Task FindAsync_RecordNamingAnotherPepper_PassedOverAndTheNextPepperTried()
    {
        // The same bytes under two ids: the first hash finds a record that names the other id.
        using var hasher = Hasher("a", ("a", Pepper), ("b", Pepper));
        hasher.TryHash("secret", "b", out var hash);
        var stored = new Stored(hash, "b");
        var lookups = 0;

        var match = await hasher.FindAsync<Stored, Stored>("secret", stored, (s, h, _) => { lookups++; return new(h == s.Hash ? s : null); }, Hashed, default);

        match!.Value.PepperId.Should().Be("b");
        lookups.Should().Be(2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FindAsync_LookupsThatCompleteLater_SameAnswersAsSynchronousOnes(int pepperOfTheRecord)
    {
        // A durable store answers asynchronously: the loop then goes on in its async path, from any pepper.
        using var hasher = Hasher("a", ("a", Pepper), ("b", OtherPepper));
        var ids = new string?[] { "a", "b", null };
        hasher.TryHash("secret", ids[pepperOfTheRecord], out var hash);
        var stored = new Stored(hash, ids[pepperOfTheRecord]);
        var lookups = 0;

        var match = await hasher.FindAsync<Stored, Stored>("secret", stored, async (s, h, _) =>
        {
            lookups++;
            await Task.Yield();
            return h == s.Hash ? s : null;
        }, Hashed, default);
        var missing = await hasher.FindAsync<int, Stored>("other", 0, async (_, _, _) =>
        {
            await Task.Yield();
            return null;
        }, Hashed, default);

        match!.Value.PepperId.Should().Be(ids[pepperOfTheRecord]);
        lookups.Should().Be(pepperOfTheRecord + 1);
        missing.Should().BeNull();
    }

    [Fact]
    public async Task FindAsync_NoRecordUnderAnyPepper_NullAfterOneLookupPerPepperAndPlainSha256()
    {
        using var hasher = Hasher("a", ("a", Pepper), ("b", OtherPepper));
        var lookups = 0;

        var match = await hasher.FindAsync<int, Stored>("secret", 0, (_, _, _) => { lookups++; return new((Stored?)null); }, Hashed, default);

        match.Should().BeNull();
        lookups.Should().Be(3);
    }

    [Theory]
    [InlineData(Primitive.ApiKey)]
    [InlineData(Primitive.WebToken)]
    public async Task Verify_SecretHashedUnderASecondIdOfTheSamePepper_AcceptedByEveryPrimitive(Primitive primitive)
    {
        var keys = new InMemoryApiKeyStore();
        var tokens = new InMemoryWebTokenStore();
        await using var issuing = Services("b", keys, tokens);
        await using var verifying = Services("a", keys, tokens);

        var accepted = primitive == Primitive.ApiKey
            ? (await Verify(verifying).VerifyAsync(await CreateKeyAsync(issuing), default)).Succeeded
            : (await verifying.GetRequiredService<IWebTokenService>().ValidateAsync(
                (await issuing.GetRequiredService<IWebTokenService>().IssueAsync("subject-1", default)).Token, default)).Succeeded;

        accepted.Should().BeTrue();
    }

    private static SecretHasher Hasher(string current, params (string Id, byte[] Bytes)[] peppers)
    {
        var options = new SecretHashingOptions { CurrentPepperId = current };
        foreach (var (id, bytes) in peppers)
        {
            options.Peppers[id] = bytes;
        }

        return new SecretHasher(options);
    }

    private static bool Hashed(Stored record, SecretHash hash, string? pepperId) => record.Hash == hash && record.PepperId == pepperId;

    private static ServiceProvider Services(string currentPepper, IApiKeyStore keys, IWebTokenStore tokens)
    {
        var services = new ServiceCollection();
        services.AddSingleton(keys);
        services.AddSingleton(tokens);
        services.AddSingleton<Credentials.Users.IUserDirectory>(new TestUserDirectory());
        services.AddCredentials(o =>
        {
            o.Hashing.Peppers["a"] = Pepper;
            o.Hashing.Peppers["b"] = Pepper;
            o.Hashing.CurrentPepperId = currentPepper;
        });
        return services.BuildServiceProvider();
    }

    private static IApiKeyService Verify(IServiceProvider services) => services.CreateScope().ServiceProvider.GetRequiredService<IApiKeyService>();

    private static async Task<string> CreateKeyAsync(IServiceProvider services)
    {
        var created = await Verify(services).CreateAsync(new ApiKeyCreateRequest { Name = "k" }, ApiKeyTestHost.Admin, default);
        return created.PlainKey!;
    }

    private sealed record Stored(SecretHash Hash, string? PepperId);
}
