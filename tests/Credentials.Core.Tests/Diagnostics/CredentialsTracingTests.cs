using System.Collections.Concurrent;
using System.Diagnostics;
using Credentials.ApiKeys;
using Credentials.Core.Tests.ApiKeys;
using Credentials.Diagnostics;

namespace Credentials.Core.Tests.Diagnostics;

/// <summary>
/// Traces as an exporter sees them (an <see cref="ActivityListener"/>): one activity per operation, tagged like the
/// metrics with kind, outcome and reason, and nothing a caller sent. Each test runs under a root activity of its own
/// and looks only at its trace, since other tests emit activities in parallel.
/// </summary>
public sealed class CredentialsTracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public CredentialsTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CredentialsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private static Activity Root() => new Activity("test").Start();

    private IEnumerable<Activity> Traced(Activity root) => _stopped.Where(a => a.TraceId == root.TraceId);

    [Fact]
    public async Task ApiKey_CreateVerifyAndReject_OneActivityEachWithTheMetricTags()
    {
        using var root = Root();
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync();

        await host.VerifyAsync(created.PlainKey);
        await host.VerifyAsync("cc_live_not a key");
        await host.VerifyAsync(created.PlainKey![..^6] + "000000");

        var mine = Traced(root).Where(a => a.GetTagItem(CredentialTags.Kind) as string == "api_key").Select(Describe).ToList();
        mine.Should().Equal(
            "credentials.issue issued -",
            "credentials.verify verified -",
            "credentials.verify rejected malformed",
            "credentials.verify rejected malformed");
    }

    [Fact]
    public async Task Tags_NeverHoldTheSecretOrTheOwner()
    {
        using var root = Root();
        await using var host = new ApiKeyTestHost();
        var created = await host.CreateAsync("owner-secret-id");

        await host.VerifyAsync(created.PlainKey);

        var secretPart = created.PlainKey!.Substring(8, 12);
        var values = Traced(root).SelectMany(a => a.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty)).ToList();
        values.Should().NotBeEmpty();
        values.Should().NotContain(v => v.Contains("owner-secret-id") || v.Contains(secretPart));
    }

    [Fact]
    public async Task WebToken_IssueAndValidate_TracedUnderTheirKind()
    {
        using var root = Root();
        await using var host = new ApiKeyTestHost();
        var issued = await host.WebTokens.IssueAsync("subject-1", CancellationToken.None);

        await host.WebTokens.ValidateAsync(issued.Token, CancellationToken.None);
        await host.WebTokens.ValidateAsync(new string('0', 40), CancellationToken.None);

        Traced(root).Where(a => a.GetTagItem(CredentialTags.Kind) as string == "web_token").Select(Describe).Should().Equal(
            "credentials.issue issued -",
            "credentials.verify verified -",
            "credentials.verify rejected unknown");
        Traced(root).Single(a => a.GetTagItem(CredentialTags.Reason) as string == "unknown").Status.Should().Be(ActivityStatusCode.Error);
    }

    [Fact]
    public void Record_OutsideOurActivity_LeavesTheHostsSpanAlone()
    {
        using var hostSource = new ActivitySource("Host.App");
        using var hostListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Host.App",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(hostListener);
        using var hostSpan = hostSource.StartActivity("request");

        CredentialsTracing.Record("rejected", "malformed");

        hostSpan!.TagObjects.Should().BeEmpty();
    }

    private static string Describe(Activity activity) =>
        $"{activity.OperationName} {activity.GetTagItem(CredentialTags.Outcome)} {activity.GetTagItem(CredentialTags.Reason) as string ?? "-"}";
}
