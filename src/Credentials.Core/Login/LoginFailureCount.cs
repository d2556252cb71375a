namespace Credentials.Login;

/// <summary>The failures counted under one key in its running window.</summary>
/// <param name="Failures">The failures in the window; zero when the key has no running window.</param>
/// <param name="Remaining">The time left until the window ends and the key is free again; zero with no window.</param>
public readonly record struct LoginFailureCount(long Failures, TimeSpan Remaining);
