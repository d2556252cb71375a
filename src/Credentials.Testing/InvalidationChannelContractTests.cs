using System.Diagnostics;
using System.Globalization;
using Credentials.Invalidation;
using Xunit.Abstractions;

namespace Credentials.Testing;

/// <summary>
/// The contract every cross-instance <see cref="ICredentialInvalidationChannel"/> transport keeps, checked with two
/// instances (two containers) on one real server: a message reaches the other instance once and the sender exactly
/// once, an instance that never publishes still hears the others, unreadable input is dropped, and after the
/// connection is cut the subscribers hear <see cref="CredentialInvalidation.Everything"/> and messages flow again.
/// The Redis and PostgreSQL transports run it; a host runs it against its own transport by deriving an xunit test class.
/// </summary>
/// <remarks>
/// Each test works under a scope of its own (a fresh name of lowercase letters and digits), which the deriving class
/// turns into whatever keeps instances apart on its transport: a key prefix, a channel name. The delivery latency over
/// 100 messages is written to the test output.
/// </remarks>
public abstract class InvalidationChannelContractTests
{
    /// <summary>How long any one message may take to arrive, reconnects included, before a test fails.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where the measured delivery latency is written.</param>
    protected InvalidationChannelContractTests(ITestOutputHelper output) => _output = output;

    /// <summary>Names the transport in the test output.</summary>
    protected abstract string TransportName { get; }

    /// <summary>
    /// The channel of a new instance (its own container, its own connections), wired as the host wires it, on the
    /// part of the transport <paramref name="scope"/> names: instances created with the same scope reach each other.
    /// </summary>
    /// <param name="scope">Lowercase letters and digits, at most 33 characters, new for each test.</param>
    /// <returns>The channel under test.</returns>
    protected abstract Task<ICredentialInvalidationChannel> CreateInstanceAsync(string scope);

    /// <summary>Sends <paramref name="payload"/> straight into the transport under <paramref name="scope"/>, as a foreign or hostile sender would.</summary>
    /// <param name="scope">The test's scope.</param>
    /// <param name="payload">At most 7,000 characters of text.</param>
    /// <returns>A task that completes when the server has the payload.</returns>
    protected abstract Task InjectAsync(string scope, string payload);

    /// <summary>Cuts, at the server, the connections the instances under <paramref name="scope"/> listen on (a restart, a terminated backend).</summary>
    /// <param name="scope">The test's scope.</param>
    /// <returns>A task that completes when the connections are cut.</returns>
    protected abstract Task InterruptAsync(string scope);

    /// <summary>A message reaches the other instance once; the sender's own subscribers get it once, not again as an echo.</summary>
    [Fact]
    public async Task PublishAsync_TwoInstances_OtherReceivesOnceAndSenderExactlyOnce()
    {
        var scope = NewScope();
        var a = await CreateInstanceAsync(scope);
        var b = await CreateInstanceAsync(scope);
        using var atA = new InvalidationRecorder(a);
        using var atB = new InvalidationRecorder(b);
        // B has never published when it first hears A.
        await ConnectAsync(a, atB);
        await ConnectAsync(b, atA);
        var message = CredentialInvalidation.ForKey(Guid.NewGuid());

        await a.PublishAsync(message, CancellationToken.None);
        atA.Count(message).Should().Be(1, "the sender's subscribers hear it before PublishAsync returns");
        await atB.WaitForAsync(message.Equals, Patience);
        // The server relays in order: once A hears what B sent after receiving, A's echo of the message is in too.
        var marker = CredentialInvalidation.ForKey(Guid.NewGuid());
        await b.PublishAsync(marker, CancellationToken.None);
        await atA.WaitForAsync(marker.Equals, Patience);

        atA.Count(message).Should().Be(1, "an instance drops its own echo");
        atB.Count(message).Should().Be(1);
    }

    /// <summary>Text that is not an envelope of ours is dropped; a well-formed envelope from any sender is delivered.</summary>
    [Fact]
    public async Task Receive_UnreadablePayloads_DroppedAndTheNextReadableOneDelivered()
    {
        var scope = NewScope();
        var a = await CreateInstanceAsync(scope);
        var b = await CreateInstanceAsync(scope);
        using var atB = new InvalidationRecorder(b);
        await ConnectAsync(a, atB);
        var before = atB.Received.Count;
        string[] unreadable =
        [
            "garbage", "|1:no-sender", "sender|", "sender|99:unknown-kind", "sender|1:bad\u0001id", "sender|x1:id",
            "sender|1:" + new string('i', CredentialInvalidation.MaxIdLength + 1), new string('x', 7000),
        ];
        foreach (var payload in unreadable)
        {
            await InjectAsync(scope, payload);
        }

        var uuid = Guid.NewGuid();
        await InjectAsync(scope, $"another-sender|1:{uuid:D}");
        await atB.WaitForAsync(CredentialInvalidation.ForKey(uuid).Equals, Patience);

        // Everything may come late from the first subscription; it is the one message a transport sends itself.
        atB.Received.Skip(before).Where(m => m.Kind != CredentialInvalidationKind.Everything)
            .Should().Equal(CredentialInvalidation.ForKey(uuid));
    }

    /// <summary>After the listening connections are cut, each instance hears <c>Everything</c> and messages flow again both ways.</summary>
    [Fact]
    public async Task Interrupted_Reconnects_SubscribersHearEverythingAndMessagesFlowAgain()
    {
        var scope = NewScope();
        var a = await CreateInstanceAsync(scope);
        var b = await CreateInstanceAsync(scope);
        using var atA = new InvalidationRecorder(a);
        using var atB = new InvalidationRecorder(b);
        await ConnectAsync(a, atB);
        await ConnectAsync(b, atA);
        var (fromA, fromB) = (atA.Received.Count, atB.Received.Count);

        await InterruptAsync(scope);

        await atA.WaitForAsync(CredentialInvalidation.Everything.Equals, Patience, fromA);
        await atB.WaitForAsync(CredentialInvalidation.Everything.Equals, Patience, fromB);
        await ConnectAsync(a, atB);
        await ConnectAsync(b, atA);
    }

    /// <summary>100 messages, one after another, each arrives once; the delivery latency is written to the output.</summary>
    [Fact]
    public async Task PublishAsync_HundredMessages_EachArrivesOnceAndLatencyIsReported()
    {
        const int Messages = 100;
        var scope = NewScope();
        var a = await CreateInstanceAsync(scope);
        var b = await CreateInstanceAsync(scope);
        using var atB = new InvalidationRecorder(b);
        await ConnectAsync(a, atB);
        var latencies = new List<TimeSpan>(Messages);
        var sent = new List<CredentialInvalidation>(Messages);

        for (var i = 0; i < Messages; i++)
        {
            var message = CredentialInvalidation.ForKey(Guid.NewGuid());
            sent.Add(message);
            var start = Stopwatch.GetTimestamp();
            await a.PublishAsync(message, CancellationToken.None);
            var arrived = await atB.WaitForAsync(message.Equals, Patience);
            latencies.Add(Stopwatch.GetElapsedTime(start, arrived));
        }

        latencies.Sort();
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{TransportName}: delivery latency over {Messages} messages, publish to the other instance's subscriber: " +
            $"p50 {latencies[Messages / 2].TotalMilliseconds:F2} ms, p95 {latencies[Messages * 95 / 100].TotalMilliseconds:F2} ms, " +
            $"max {latencies[^1].TotalMilliseconds:F2} ms"));
        sent.Should().OnlyContain(message => atB.Count(message) == 1);
    }

    private static string NewScope() => "t" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Publishes probes from <paramref name="from"/> until <paramref name="to"/> hears one: both are then listening
    /// (the transports subscribe in the background).
    /// </summary>
    private static async Task ConnectAsync(ICredentialInvalidationChannel from, InvalidationRecorder to)
    {
        var probes = new HashSet<CredentialInvalidation>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var probe = new CredentialInvalidation(CredentialInvalidationKind.SessionEnded, "probe-" + Guid.NewGuid().ToString("N"));
            probes.Add(probe);
            await from.PublishAsync(probe, CancellationToken.None);
            try
            {
                await to.WaitForAsync(probes.Contains, TimeSpan.FromMilliseconds(200));
                return;
            }
            catch (TimeoutException) when (deadline.Elapsed < Patience)
            {
            }
        }
    }
}
