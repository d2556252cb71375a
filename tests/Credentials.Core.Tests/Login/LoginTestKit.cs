using Credentials.Core.Tests.Jwt;
using Credentials.Users;

namespace Credentials.Core.Tests.Login;

/// <summary>The user who logs in to the test hosts of <see cref="JwtTestKit"/>.</summary>
internal static class LoginTestKit
{
    /// <summary>The user behind <see cref="JwtTestKit.Alice"/>: logging in as her issues a token for that subject.</summary>
    public static readonly AuthenticatedUser Alice = new()
    {
        Id = JwtTestKit.Alice.Id,
        Username = JwtTestKit.Alice.Name,
        Email = JwtTestKit.Alice.Email,
        Permissions = JwtTestKit.Alice.Permissions,
    };
}
