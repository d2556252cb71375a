using System.Diagnostics;

namespace Credentials.Diagnostics;

/// <summary>
/// The library's traces, on an <see cref="ActivitySource"/> named like the meter. Each verify, issue, validate and
/// login is one activity tagged with the same bounded values as the counters (kind, outcome, reason), never a secret,
/// a subject or a user. With no listener, starting one costs a check and returns null.
/// </summary>
internal static class CredentialsTracing
{
    public const string SourceName = CredentialsMetrics.MeterName;

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts <paramref name="operation"/> (<c>credentials.verify</c>, <c>credentials.issue</c>, ...) for a kind.</summary>
    public static Activity? Start(string operation, CredentialKind kind)
    {
        var activity = Source.StartActivity(operation, ActivityKind.Internal);
        activity?.SetTag(CredentialTags.Kind, CredentialTags.Of(kind));
        return activity;
    }

    /// <summary>Tags the current activity with an outcome, if the activity is one of ours (a host's own spans are left alone).</summary>
    public static void Record(string outcome, string? reason = null)
    {
        var activity = Activity.Current;
        if (activity is null || !ReferenceEquals(activity.Source, Source))
        {
            return;
        }

        activity.SetTag(CredentialTags.Outcome, outcome);
        if (reason is not null)
        {
            activity.SetTag(CredentialTags.Reason, reason);
            activity.SetStatus(ActivityStatusCode.Error, reason);
        }
    }
}
