using Credentials.ApiKeys;
using Microsoft.Extensions.Logging;

namespace Credentials.Core.Tests.ApiKeys;

public class ApiKeyServiceVerifyTests
{
    private static readonly byte[] Pepper1 = [.. Enumerable.Repeat((byte)1, 32)];
    private static readonly byte[] Pepper2 = [.. Enumerable.Repeat((byte)2, 32)];

    [Fact]
    public async Task VerifyAsync_IssuedKey_ValidWithOwnerAndPermissions()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "ci", Permissions = ["read", "write"] });

        var result = await host.VerifyAsync(created.PlainKey);

        result.Succeeded.Should().BeTrue();
        result.Succeeded.Should().BeTrue();
        result.OwnerId.Should().Be("user-1");
        result.Permissions.Should().Equal("read", "write");
        result.Key!.Uuid.Should().Be(created.Key!.Uuid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("cc_live_")]
    [InlineData("Bearer cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN")]
    [InlineData("cc_test_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN")]
    [InlineData("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑")]
    [InlineData("cc_live_\uD800123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN")]
    [InlineData("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5G\0")]
    public async Task VerifyAsync_NotAKeyShape_MalformedWithoutAStoreCall(string? presented)
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);

        var result = await host.VerifyAsync(presented);

        result.Failure.Should().Be(ApiKeyVerificationFailure.Malformed);
        result.Succeeded.Should().BeFalse();
        result.Key.Should().BeNull();
        result.OwnerId.Should().BeNull();
        result.Permissions.Should().BeEmpty();
        store.FindByHashCalls.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAsync_HugeInput_MalformedWithoutAStoreCall()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);

        var result = await host.VerifyAsync("cc_live_" + new string('a', 10_000_000));

        result.Failure.Should().Be(ApiKeyVerificationFailure.Malformed);
        store.FindByHashCalls.Should().Be(0);
    }

    [Fact]
    public async Task VerifyAsync_IssuedKeyWithOneLetterInOtherCase_Malformed()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();
        var key = created.PlainKey!;
        var index = key.AsSpan(8).IndexOfAnyInRange('a', 'z') + 8;
        var changed = key[..index] + char.ToUpperInvariant(key[index]) + key[(index + 1)..];

        (await host.VerifyAsync(changed)).Failure.Should().Be(ApiKeyVerificationFailure.Malformed);
    }

    [Fact]
    public async Task VerifyAsync_WellFormedButNeverIssued_UnknownAfterOneLookup()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        await host.CreateAsync();

        var result = await host.VerifyAsync("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN");

        result.Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        store.FindByHashCalls.Should().Be(1);
    }

    [Fact]
    public async Task VerifyAsync_KeyOfAnotherPrefix_MalformedOnThisHost()
    {
        var store = new ProbeApiKeyStore();
        await using var testHost = new ApiKeyTestHost(o => o.ApiKeys.Prefix = "cc_test_", store: store);
        await using var liveHost = new ApiKeyTestHost(store: store);
        var testKey = await testHost.CreateAsync();

        (await liveHost.VerifyAsync(testKey.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Malformed);
        (await testHost.VerifyAsync(testKey.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_Deactivated_InactiveThenValidAfterReactivation()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        await host.Service.DeactivateAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None);
        var whileInactive = await host.VerifyAsync(created.PlainKey);
        await host.Service.ReactivateAsync(created.Key.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None);
        var afterReactivation = await host.VerifyAsync(created.PlainKey);

        whileInactive.Failure.Should().Be(ApiKeyVerificationFailure.Inactive);
        whileInactive.Key.Should().BeNull();
        afterReactivation.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_ClockReachesExpiry_ValidUntilThenExpired()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: new ApiKeyCreateRequest { Name = "short-lived", ExpiresAt = ApiKeyTestHost.Start.AddHours(1) });

        host.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        var justBefore = await host.VerifyAsync(created.PlainKey);
        host.Clock.Advance(TimeSpan.FromTicks(1));
        var atExpiry = await host.VerifyAsync(created.PlainKey);

        justBefore.Succeeded.Should().BeTrue();
        atExpiry.Failure.Should().Be(ApiKeyVerificationFailure.Expired);
    }

    [Fact]
    public async Task VerifyAsync_InactiveAndExpired_Inactive()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync(request: new ApiKeyCreateRequest { Name = "k", ExpiresAt = ApiKeyTestHost.Start.AddHours(1), IsActive = false });
        host.Clock.Advance(TimeSpan.FromDays(1));

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);
    }

    [Fact]
    public async Task VerifyAsync_Deleted_Unknown()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        await host.Service.DeleteAsync(created.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None);

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
    }

    [Fact]
    public async Task VerifyAsync_AfterRollWithGrace_BothSecretsValidUntilGraceEndsThenOldExpired()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var rolled = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromHours(24), ApiKeyTestHost.Owner(), CancellationToken.None);
        var oldDuringGrace = await host.VerifyAsync(created.PlainKey);
        var newDuringGrace = await host.VerifyAsync(rolled.PlainKey);
        host.Clock.Advance(TimeSpan.FromHours(24));
        var oldAfterGrace = await host.VerifyAsync(created.PlainKey);
        var newAfterGrace = await host.VerifyAsync(rolled.PlainKey);

        rolled.Succeeded.Should().BeTrue();
        rolled.PlainKey.Should().NotBe(created.PlainKey).And.StartWith("cc_live_");
        rolled.Key!.Uuid.Should().Be(created.Key.Uuid);
        rolled.Key.Id.Should().Be(created.Key.Id);
        rolled.Key.PreviousHashExpiresAt.Should().Be(ApiKeyTestHost.Start.AddHours(24));
        oldDuringGrace.Succeeded.Should().BeTrue();
        oldDuringGrace.Key!.Uuid.Should().Be(created.Key.Uuid);
        oldDuringGrace.Presentation.Should().Be(ApiKeyPresentation.GraceSecret);
        newDuringGrace.Succeeded.Should().BeTrue();
        newDuringGrace.Presentation.Should().Be(ApiKeyPresentation.CurrentSecret);
        oldAfterGrace.Failure.Should().Be(ApiKeyVerificationFailure.Expired);
        newAfterGrace.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_AfterRollWithoutGrace_OldUnknownAtOnce()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var rolled = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.Zero, ApiKeyTestHost.Owner(), CancellationToken.None);

        rolled.Key!.PreviousHash.Should().BeNull();
        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        (await host.VerifyAsync(rolled.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_OldSecretInGraceOfDeactivatedKey_Inactive()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();
        await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.FromHours(1), ApiKeyTestHost.Owner(), CancellationToken.None);

        await host.Service.DeactivateAsync(created.Key.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None);

        (await host.VerifyAsync(created.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);
    }

    [Fact]
    public async Task VerifyAsync_PepperRotated_OldKeysStillValidNewKeysUseNewPepper()
    {
        var store = new ProbeApiKeyStore();
        await using var before = new ApiKeyTestHost(o => UsePeppers(o, "p1", ("p1", Pepper1)), store: store);
        var oldKey = await before.CreateAsync();
        await using var after = new ApiKeyTestHost(o => UsePeppers(o, "p2", ("p1", Pepper1), ("p2", Pepper2)), store: store);
        var newKey = await after.CreateAsync();

        var oldResult = await after.VerifyAsync(oldKey.PlainKey);
        var newResult = await after.VerifyAsync(newKey.PlainKey);

        oldKey.Key!.PepperId.Should().Be("p1");
        newKey.Key!.PepperId.Should().Be("p2");
        oldResult.Succeeded.Should().BeTrue();
        newResult.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_FirstPepperConfiguredLater_KeysHashedWithoutPepperStillValid()
    {
        var store = new ProbeApiKeyStore();
        await using var before = new ApiKeyTestHost(store: store);
        var oldKey = await before.CreateAsync();
        await using var after = new ApiKeyTestHost(o => UsePeppers(o, "p1", ("p1", Pepper1)), store: store);

        var result = await after.VerifyAsync(oldKey.PlainKey);

        oldKey.Key!.PepperId.Should().BeNull();
        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task VerifyAsync_CurrentPepper_OneLookupPerVerification()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(o => UsePeppers(o, "p2", ("p1", Pepper1), ("p2", Pepper2)), store: store);
        var created = await host.CreateAsync();

        await host.VerifyAsync(created.PlainKey);

        store.FindByHashCalls.Should().Be(1);
    }

    [Fact]
    public async Task VerifyAsync_PepperOfTheKeyRemoved_Unknown()
    {
        var store = new ProbeApiKeyStore();
        await using var before = new ApiKeyTestHost(o => UsePeppers(o, "p1", ("p1", Pepper1)), store: store);
        var oldKey = await before.CreateAsync();
        await using var after = new ApiKeyTestHost(o => UsePeppers(o, "p2", ("p2", Pepper2)), store: store);

        (await after.VerifyAsync(oldKey.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
    }

    [Fact]
    public async Task VerifyAsync_SamePepperIdOtherBytes_Unknown()
    {
        var store = new ProbeApiKeyStore();
        await using var before = new ApiKeyTestHost(o => UsePeppers(o, "p1", ("p1", Pepper1)), store: store);
        var key = await before.CreateAsync();
        await using var after = new ApiKeyTestHost(o => UsePeppers(o, "p1", ("p1", Pepper2)), store: store);

        (await after.VerifyAsync(key.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
    }

    [Fact]
    public async Task VerifyAsync_FirstUse_RecordsLastUsedInTheBackground()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync();

        await host.VerifyAsync(created.PlainKey);
        var write = await store.NextLastUsedWriteAsync();

        write.Should().Be((created.Key!.Id, ApiKeyTestHost.Start));
        (await store.FindByUuidAsync(created.Key.Uuid, CancellationToken.None))!.LastUsedAt.Should().Be(ApiKeyTestHost.Start);
    }

    [Fact]
    public async Task VerifyAsync_RepeatedWithinInterval_OneWritePerInterval()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync();

        await host.VerifyAsync(created.PlainKey);
        var first = await store.NextLastUsedWriteAsync();
        for (var i = 0; i < 50; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            await host.VerifyAsync(created.PlainKey);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await host.VerifyAsync(created.PlainKey);
        var second = await store.NextLastUsedWriteAsync();

        first.UsedAt.Should().Be(ApiKeyTestHost.Start);
        second.UsedAt.Should().Be(ApiKeyTestHost.Start.AddSeconds(60));
        store.LastUsedWriteCount.Should().Be(2);
    }

    [Fact]
    public async Task VerifyAsync_StoredLastUsedIsRecent_NoWrite()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync();
        await store.RecordLastUsedAsync(created.Key!.Id, ApiKeyTestHost.Start, CancellationToken.None);
        await store.NextLastUsedWriteAsync();

        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await host.VerifyAsync(created.PlainKey);
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        await host.VerifyAsync(created.PlainKey);
        var write = await store.NextLastUsedWriteAsync();

        write.UsedAt.Should().Be(ApiKeyTestHost.Start.AddSeconds(61));
        store.LastUsedWriteCount.Should().Be(2);
    }

    [Fact]
    public async Task VerifyAsync_LastUsedWriteStalls_VerificationDoesNotWait()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new ProbeApiKeyStore { LastUsedGate = gate.Task };
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync();

        var result = await host.Service.VerifyAsync(created.PlainKey, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        result.Succeeded.Should().BeTrue();
        gate.SetResult();
        (await store.NextLastUsedWriteAsync()).Id.Should().Be(created.Key!.Id);
    }

    [Fact]
    public async Task VerifyAsync_LastUsedWriteFails_ValidAndTheFailureIsLogged()
    {
        var store = new ProbeApiKeyStore { LastUsedFault = new TimeoutException("store timed out") };
        var logger = new ListLogger<ApiKeyUsageRecorder>();
        await using var host = new ApiKeyTestHost(store: store, usageLogger: logger);
        var created = await host.CreateAsync();

        var result = await host.VerifyAsync(created.PlainKey);
        await store.NextLastUsedWriteAsync();
        SpinWait.SpinUntil(() => logger.Entries.Count > 0, TimeSpan.FromSeconds(30));

        result.Succeeded.Should().BeTrue();
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.EventId.Id == 1004)
            .Which.Message.Should().Contain(created.Key!.Uuid.ToString()).And.NotContain(created.PlainKey![8..]);
    }

    [Fact]
    public async Task VerifyAsync_ManyKeysInParallel_EachValidForItsOwner()
    {
        await using var host = new ApiKeyTestHost();
        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => host.CreateAsync($"user-{i}")));

        var results = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => Task.Run(async () =>
        {
            var key = created[i % created.Length];
            return (Expected: key.Key!.OwnerId, Result: await host.VerifyAsync(key.PlainKey));
        })));

        results.Should().OnlyContain(r => r.Result.Succeeded && r.Result.OwnerId == r.Expected);
    }

    [Fact]
    public async Task VerifyAsync_CreatesAndVerifiesInterleaved_NoFalseResults()
    {
        await using var host = new ApiKeyTestHost();
        var seeded = await host.CreateAsync("seed-owner");

        var work = Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            if (i % 4 == 0)
            {
                var created = await host.CreateAsync($"user-{i}");
                return (await host.VerifyAsync(created.PlainKey)).OwnerId == $"user-{i}";
            }

            return (await host.VerifyAsync(seeded.PlainKey)).OwnerId == "seed-owner";
        }));

        (await Task.WhenAll(work)).Should().OnlyContain(ok => ok);
    }

    [Fact]
    public async Task VerificationResult_ToString_NamesStatusAndUuidOnly()
    {
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        var text = (await host.VerifyAsync(created.PlainKey)).ToString();

        text.Should().Contain("Succeeded").And.Contain(created.Key!.Uuid.ToString()).And.NotContain(created.PlainKey![8..]);
    }

    private static void UsePeppers(CredentialsOptions options, string current, params (string Id, byte[] Bytes)[] peppers)
    {
        foreach (var (id, bytes) in peppers)
        {
            options.Hashing.Peppers[id] = bytes;
        }

        options.Hashing.CurrentPepperId = current;
    }
}
