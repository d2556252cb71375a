using System.Diagnostics;
using Credentials.EntityFrameworkCore.RotationWorker;
using Credentials.EntityFrameworkCore.Tests.Infrastructure;
using Credentials.WebTokens;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Credentials.EntityFrameworkCore.Tests.Storage;

/// <summary>The single-active rule across OS processes: two separate hosts rotate one subject on one PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCrossProcessTests(PostgresDatabase database)
{
    private const int Rounds = 150;
    private const string Subject = "cross-process-subject";

    [Fact]
    public async Task WebTokenReplace_TwoProcessesInParallel_SubjectAlwaysHasOneRowAndOnlyOneTokenSurvives()
    {
        var connectionString = await database.CreateDatabaseWithSchemaAsync<HostDbContext>();
        string[] workers = ["worker-a", "worker-b"];

        var processes = workers.Select(worker => StartWorker(connectionString, worker)).ToArray();
        var rowsSeen = await SampleRowCountsAsync(connectionString, processes);
        foreach (var process in processes)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, error);
            output.Should().Contain("done");
            process.Dispose();
        }

        rowsSeen.Should().NotBeEmpty().And.OnlyContain(count => count <= 1, "the primary key holds a subject to one row");
        await using var services = database.ServicesOver<HostDbContext>(connectionString);
        var store = services.GetRequiredService<IWebTokenStore>();
        var found = new List<string>();
        foreach (var worker in workers)
        {
            for (var round = 0; round < Rounds; round++)
            {
                if (await store.FindByHashAsync(RotationWorker.RotationWorker.TokenHash(worker, round), default) is not null)
                {
                    found.Add($"{worker}:{round}");
                }
            }
        }

        found.Should().ContainSingle().Which.Should().BeOneOf($"worker-a:{Rounds - 1}", $"worker-b:{Rounds - 1}");
    }

    private static Process StartWorker(string connectionString, string worker)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(WorkerDbContext).Assembly.Location, connectionString, Subject, worker, Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>Counts the subject's rows from a third connection, again and again, until both workers exit.</summary>
    private static async Task<List<long>> SampleRowCountsAsync(string connectionString, Process[] processes)
    {
        var counts = new List<long>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM credentials_web_tokens WHERE subject = @s", connection);
        command.Parameters.AddWithValue("s", Subject);
        while (processes.Any(p => !p.HasExited))
        {
            counts.Add((long)(await command.ExecuteScalarAsync())!);
            await Task.Delay(5);
        }

        return counts;
    }
}
