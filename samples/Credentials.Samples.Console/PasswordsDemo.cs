using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Passwords: hash, verify, log in, and raise the hashing cost without locking anyone out.</summary>
internal static class PasswordsDemo
{
    private const string Password = "correct horse battery staple";

    public static async Task RunAsync(IServiceProvider services)
    {
        Console.WriteLine();
        Console.WriteLine("== Passwords ==");

        // The hasher stores a self-describing string: format, version, iterations, salt, subkey.
        var hasher = services.GetRequiredService<IPasswordHasher>();
        var hash = hasher.Hash(Password);
        Console.WriteLine($"Stored:         {string.Join('$', hash.Split('$')[..4])}$<salt>$<subkey>");
        Console.WriteLine($"Right password: {hasher.Verify(hash, Password)}");
        Console.WriteLine($"Wrong password: {hasher.Verify(hash, "Tr0ub4dor&3")}");

        // Login goes through IUserAuthenticator; the default keeps users in memory.
        services.GetRequiredService<InMemoryUserAuthenticator>().AddUser(
            new AuthenticatedUser { Id = "42", Username = "ada", Email = "ada@example.com", Permissions = ["api.keys.create"] },
            Password);
        var authenticator = services.GetRequiredService<IUserAuthenticator>();
        var login = await authenticator.AuthenticateAsync("Ada", Password, CancellationToken.None);
        Console.WriteLine(login.Succeeded ? $"Login as 'Ada': user {login.User.Id} ({login.User.Username})" : $"Login refused: {login.Failure}");
        var unknown = await authenticator.AuthenticateAsync("grace", Password, CancellationToken.None);
        Console.WriteLine($"Unknown user:   {unknown.Failure} (same answer, same cost as a wrong password)");

        // A year later the host raises the iteration count: old hashes still verify and ask to be replaced.
        await using var later = new ServiceCollection()
            .AddCredentials(options => options.Passwords.Iterations = 1_000_000)
            .Services.BuildServiceProvider();
        var strongerHasher = later.GetRequiredService<IPasswordHasher>();
        var outcome = strongerHasher.Verify(hash, Password);
        Console.WriteLine($"After raising the cost: {outcome}");
        if (outcome == PasswordVerification.SuccessRehashNeeded)
        {
            hash = strongerHasher.Hash(Password);
            Console.WriteLine($"Rehashed, now:  {strongerHasher.Verify(hash, Password)}");
        }
    }
}
