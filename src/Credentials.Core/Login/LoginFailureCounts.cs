namespace Credentials.Login;

/// <summary>The failures counted under an attempt's two keys.</summary>
/// <param name="Username">Under the username's key.</param>
/// <param name="Address">Under the client address's key.</param>
public readonly record struct LoginFailureCounts(LoginFailureCount Username, LoginFailureCount Address);
