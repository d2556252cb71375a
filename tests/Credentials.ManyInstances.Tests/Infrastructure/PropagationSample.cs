namespace Credentials.ManyInstances.Tests.Infrastructure;

/// <summary>
/// One trial, measured from the moment the change returned on A: when B's first refusing verification began (the
/// invalidation had arrived by then) and when it answered (one store read later), and how many polls it took.
/// </summary>
internal sealed record PropagationSample(TimeSpan RefusingPollStarted, TimeSpan Refused, int Polls);
