using System.Security.Cryptography;
using System.Text;
using Credentials.Secrets;
using Credentials.WebTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.EntityFrameworkCore.RotationWorker;

/// <summary>
/// Rotates one subject's web token many times on PostgreSQL, as one instance of a multi-instance host would:
/// <c>RotationWorker &lt;connection string&gt; &lt;subject&gt; &lt;worker name&gt; &lt;rounds&gt;</c>. Prints "done" at the end.
/// </summary>
public static class RotationWorker
{
    /// <summary>The hash of the token <paramref name="worker"/> issues in <paramref name="round"/> (known to the test too).</summary>
    public static SecretHash TokenHash(string worker, int round) =>
        SecretHash.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes($"{worker}:{round}")));

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 4)
        {
            await Console.Error.WriteLineAsync("usage: RotationWorker <connection string> <subject> <worker name> <rounds>");
            return 2;
        }

        var (connectionString, subject, worker, rounds) = (args[0], args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        var services = new ServiceCollection();
        services.AddDbContext<WorkerDbContext>(options => options.UseNpgsql(connectionString));
        services.AddCredentials().AddEntityFrameworkStores<WorkerDbContext>();
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IWebTokenStore>();

        var issuedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var round = 0; round < rounds; round++)
        {
            await store.ReplaceAsync(
                new WebToken { Subject = subject, Hash = TokenHash(worker, round), IssuedAt = issuedAt, ExpiresAt = issuedAt.AddHours(1) },
                CancellationToken.None);
        }

        Console.WriteLine("done");
        return 0;
    }
}

/// <summary>The worker's own host context.</summary>
public sealed class WorkerDbContext(DbContextOptions<WorkerDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyCredentialsModel();
}
