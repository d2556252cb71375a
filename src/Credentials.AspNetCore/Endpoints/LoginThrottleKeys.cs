namespace Credentials.AspNetCore.Endpoints;

/// <summary>The fixed-size keys one login attempt is throttled under; made by <see cref="LoginThrottle.Keys"/>.</summary>
internal readonly record struct LoginThrottleKeys(string Username, string Address);
