using Credentials.Core.Tests.Invalidation;
using Credentials.Invalidation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.ManagedKeys.ManagedKeysTestKit;

namespace Credentials.Core.Tests.Jwt.ManagedKeys;

/// <summary>
/// Instances that share an invalidation channel: one that adds a key says so, and the others reload at once instead of
/// at their next refresh (rate-limited). Each instance has its own channel on one bus, as with Redis pub/sub.
/// </summary>
public sealed class SigningKeyAnnouncementTests : IDisposable
{
    private static readonly CredentialInvalidation SigningKeysChanged = new(CredentialInvalidationKind.SigningKeysChanged, string.Empty);

    /// <summary>The message as another instance's channel sends it.</summary>
    private static readonly string FromAnotherInstance = "another-instance|" + SigningKeysChanged.Format();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ProbeSigningKeyStore _store = new();
    private readonly CountingProtector _protector = SharedProtector();
    private readonly List<LinkedChannel> _bus = [];
    private readonly List<ManagedInstance> _instances = [];

    [Fact]
    public async Task RefreshAsync_KeyAdded_AnnouncesSigningKeysChangedOnTheChannel()
    {
        var a = Instance(out _);
        var heard = new List<CredentialInvalidation>();
        using var listening = new LinkedChannel(_bus, NullLogger.Instance).Subscribe(heard.Add);

        await a.Ring.RefreshAsync(CancellationToken.None);

        heard.Should().Equal(SigningKeysChanged);
    }

    [Fact]
    public async Task SigningKeysChanged_FromAnotherInstance_ReloadsBeforeTheRefreshInterval()
    {
        var a = Instance(out _);
        var b = Instance(out _);
        await a.Ring.RefreshAsync(CancellationToken.None);
        await b.Ring.RefreshAsync(CancellationToken.None);
        var compromised = a.Ring.CurrentKeyId;
        _time.Advance(TimeSpan.FromMinutes(1));

        // A compromise: every stored key deleted; A's next reload makes a key that signs at once, and says so.
        foreach (var key in await _store.ListAsync(CancellationToken.None))
        {
            await _store.DeleteAsync(key.Generation, CancellationToken.None);
        }

        await a.Ring.RefreshAsync(CancellationToken.None);
        var replacement = a.Ring.CurrentKeyId;

        await WaitUntilAsync(() => b.Ring.GetKeys().Any(k => k.KeyId == replacement));
        replacement.Should().NotBe(compromised);
        b.Ring.GetKeys().Select(k => k.KeyId).Should().Equal(replacement);
    }

    [Fact]
    public async Task SigningKeysChanged_ManyWithinTheInterval_ReloadOncePerInterval()
    {
        var a = Instance(out var channel);
        await a.Ring.RefreshAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var before = _store.Lists;

        for (var i = 0; i < 50; i++)
        {
            channel.Inject(FromAnotherInstance);
        }

        await WaitUntilAsync(() => _store.Lists > before);
        await Task.Delay(100);
        var afterFlood = _store.Lists;
        _time.Advance(TimeSpan.FromSeconds(30));
        channel.Inject(FromAnotherInstance);
        await WaitUntilAsync(() => _store.Lists > afterFlood);

        afterFlood.Should().Be(before + 1, "50 messages within 30 s cost one store read");
    }

    [Fact]
    public async Task OtherInvalidations_DoNotReloadTheKeys()
    {
        var a = Instance(out var channel);
        await a.Ring.RefreshAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var before = _store.Lists;

        channel.Inject("another-instance|" + CredentialInvalidation.ForKey(Guid.NewGuid()).Format());
        await Task.Delay(200);

        _store.Lists.Should().Be(before);
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        _protector.Dispose();
    }

    private ManagedInstance Instance(out LinkedChannel channel)
    {
        channel = new LinkedChannel(_bus, NullLogger.Instance);
        var instance = ManagedKeysTestKit.Instance(_time, _store, _protector, channel: channel);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>The reload a message starts runs off the transport's thread; wait for it with a bound.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            waited.Should().BeLessThan(10_000, "the reload should have run");
            await Task.Delay(10);
        }
    }
}
