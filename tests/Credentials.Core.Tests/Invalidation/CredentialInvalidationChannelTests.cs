using Credentials.Invalidation;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Credentials.Core.Tests.WebTokens;
using Xunit;

namespace Credentials.Core.Tests.Invalidation;

public sealed class CredentialInvalidationChannelTests
{
    private static readonly CredentialInvalidation KeyChanged = CredentialInvalidation.ForKey(Guid.NewGuid());

    private readonly RecordingLogger<CredentialInvalidationChannelTests> _logger = new();
    private readonly List<LinkedChannel> _bus = [];

    [Fact]
    public async Task PublishAsync_TwoInstances_EachSubscriberGetsTheMessageOnce()
    {
        var a = new LinkedChannel(_bus, _logger);
        var b = new LinkedChannel(_bus, _logger);
        var seenByA = new List<CredentialInvalidation>();
        var seenByB = new List<CredentialInvalidation>();
        using var subscriptionA = a.Subscribe(seenByA.Add);
        using var subscriptionB = b.Subscribe(seenByB.Add);

        await a.PublishAsync(KeyChanged, CancellationToken.None);

        seenByA.Should().Equal(KeyChanged);
        seenByB.Should().Equal(KeyChanged);
    }

    [Fact]
    public async Task PublishAsync_TransportFails_DeliversLocallyAndLogsInsteadOfThrowing()
    {
        var a = new LinkedChannel(_bus, _logger) { SendFault = new InvalidOperationException("transport down") };
        var seen = new List<CredentialInvalidation>();
        using var subscription = a.Subscribe(seen.Add);

        await a.PublishAsync(KeyChanged, CancellationToken.None);

        seen.Should().Equal(KeyChanged);
        _logger.Entries.Should().ContainSingle(r => r.Id.Id == 4800);
    }

    [Fact]
    public async Task PublishAsync_OneHandlerThrows_OthersStillRun()
    {
        var a = new LinkedChannel(_bus, _logger);
        var seen = new List<CredentialInvalidation>();
        using var failing = a.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        using var working = a.Subscribe(seen.Add);

        await a.PublishAsync(KeyChanged, CancellationToken.None);

        seen.Should().Equal(KeyChanged);
        _logger.Entries.Should().ContainSingle(r => r.Id.Id == 4801);
    }

    [Fact]
    public async Task Subscribe_Disposed_StopsDelivery()
    {
        var a = new LinkedChannel(_bus, _logger);
        var seen = new List<CredentialInvalidation>();
        var subscription = a.Subscribe(seen.Add);

        subscription.Dispose();
        subscription.Dispose();
        await a.PublishAsync(KeyChanged, CancellationToken.None);

        seen.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("no bar at all")]
    [InlineData("|1:id")]
    [InlineData("sender|9:id")]
    [InlineData("sender|1:\u0007")]
    public void Receive_Unreadable_IsDroppedAndLoggedWithoutContent(string raw)
    {
        var a = new LinkedChannel(_bus, _logger);
        var seen = new List<CredentialInvalidation>();
        using var subscription = a.Subscribe(seen.Add);

        a.Inject(raw);

        seen.Should().BeEmpty();
        var record = _logger.Entries.Should().ContainSingle(r => r.Id.Id == 4802).Subject;
        if (raw.Length > 0)
        {
            record.Message.Should().NotContain(raw);
        }
    }

    [Fact]
    public void Receive_OverlongEnvelope_IsDropped()
    {
        var a = new LinkedChannel(_bus, _logger);
        var seen = new List<CredentialInvalidation>();
        using var subscription = a.Subscribe(seen.Add);

        a.Inject("sender|1:" + new string('a', 5000));

        seen.Should().BeEmpty();
    }

    [Fact]
    public void Receive_AnotherSendersEnvelope_IsDelivered()
    {
        var a = new LinkedChannel(_bus, _logger);
        var seen = new List<CredentialInvalidation>();
        using var subscription = a.Subscribe(seen.Add);

        a.Inject("another-instance|" + KeyChanged.Format());

        seen.Should().Equal(KeyChanged);
    }

    [Fact]
    public void Deliver_Reconnected_SubscribersHearEverything()
    {
        var a = new LinkedChannel(_bus, _logger);
        var seen = new List<CredentialInvalidation>();
        using var subscription = a.Subscribe(seen.Add);

        a.Reconnected();

        seen.Should().Equal(CredentialInvalidation.Everything);
    }

    [Fact]
    public async Task AddCredentials_Default_IsAnInProcessChannelThatDeliversLocally()
    {
        using var provider = new ServiceCollection().AddLogging().AddCredentials().Services.BuildServiceProvider();
        var channel = provider.GetRequiredService<ICredentialInvalidationChannel>();
        var seen = new List<CredentialInvalidation>();
        using var subscription = channel.Subscribe(seen.Add);

        await channel.PublishAsync(KeyChanged, CancellationToken.None);

        seen.Should().Equal(KeyChanged);
        channel.Should().BeSameAs(provider.GetRequiredService<ICredentialInvalidationChannel>());
    }
}
