namespace Credentials.Users;

/// <summary>Password hashing cost and limits.</summary>
public sealed class PasswordHashingOptions
{
}
