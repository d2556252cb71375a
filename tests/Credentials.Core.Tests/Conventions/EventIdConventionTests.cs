using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Credentials.Core.Tests.Conventions;

/// <summary>
/// Every log message of every package has its own event id, so a host can filter or alert on one id and mean one
/// message. Read from the source of every project under src/.
/// </summary>
public sealed partial class EventIdConventionTests
{
    [Fact]
    public void LoggerMessages_AcrossEveryPackage_HaveDistinctEventIds()
    {
        var ids = SourceFiles()
            .SelectMany(file => EventId().Matches(File.ReadAllText(file)).Select(m => (Id: int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), File: Path.GetFileName(file))))
            .ToList();

        ids.Should().HaveCountGreaterThan(30, "the scan reads the source it checks");
        ids.GroupBy(entry => entry.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.File))}")
            .Should().BeEmpty();
    }

    private static IEnumerable<string> SourceFiles()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Credentials.Core.sln")))
        {
            directory = directory.Parent;
        }

        var src = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Credentials.Core.sln not found above the test binaries."), "src");
        return Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    /// <summary>Both spellings the source uses: <c>[LoggerMessage(1000, …)]</c> and <c>[LoggerMessage(EventId = 1000, …)]</c>.</summary>
    [GeneratedRegex(@"\[LoggerMessage\((?:EventId\s*=\s*)?(?<id>\d+)")]
    private static partial Regex EventId();
}
