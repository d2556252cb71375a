using System.Text.RegularExpressions;

namespace Credentials.Core.Tests.Conventions;

/// <summary>
/// The rooms of Credentials.Core (its top folders) lean on each other only along the arrows DESIGN.md draws, so no
/// two rooms import each other. Read from the source: a room uses another when it names that room's namespace
/// (<c>using Credentials.Users;</c>, <c>Credentials.Users.X</c>, <c>Users.X</c>) or one of the types declared in it.
/// </summary>
public sealed partial class RoomDependencyTests
{
    /// <summary>
    /// Every room may use the cellar: secret handling, the text rules, the diagnostics it reports through and the
    /// invalidation channel that tells other instances what changed.
    /// </summary>
    private static readonly string[] Cellar = ["Secrets", "Text", "Diagnostics", "Invalidation"];

    /// <summary>The rooms each room may use besides the cellar. A new room gets a row here.</summary>
    private static readonly Dictionary<string, string[]> AllowedArrows = new(StringComparer.Ordinal)
    {
        ["ApiKeys"] = ["Users", "WebTokens"],
        ["WebTokens"] = [],
        ["Users"] = [],
        ["Jwt"] = [],
        // Sessions know session and user ids, never JWTs: login is where a session meets the token that names it.
        ["Sessions"] = [],
        ["Login"] = ["Users", "Jwt", "Sessions"],
        ["Secrets"] = [],
        ["Text"] = [],
        // Metrics, traces and tags; each room's log messages live in the room, so nothing here reaches back.
        ["Diagnostics"] = [],
        ["Invalidation"] = [],
        // The front door registers every room; no room reaches back to it.
        ["DependencyInjection"] = ["ApiKeys", "WebTokens", "Users", "Jwt", "Sessions", "Login", "Invalidation"],
    };

    private static readonly Lazy<Dictionary<string, SourceFile[]>> Rooms = new(ReadRooms);

    public static TheoryData<string> RoomNames() => [.. AllowedArrows.Keys];

    [Theory]
    [MemberData(nameof(RoomNames))]
    public void Room_EveryFile_UsesOnlyTheRoomsItsRowAllows(string room)
    {
        var allowed = AllowedArrows[room].Concat(Cellar).Append(room).ToHashSet(StringComparer.Ordinal);

        var offenders = Rooms.Value[room]
            .SelectMany(file => UsedRooms(file).Where(used => !allowed.Contains(used.Room)).Select(used => $"{file.Path} uses {used.Room} ({used.Evidence})"));

        offenders.Should().BeEmpty($"{room} may use only {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
    }

    [Fact]
    public void Table_EveryFolderOfTheCore_HasARow() =>
        Rooms.Value.Keys.Should().BeEquivalentTo(AllowedArrows.Keys, "a new room declares the rooms it uses");

    [Fact]
    public void Scan_LoginRoom_FindsItsArrowsToUsersAndJwt() =>
        Rooms.Value["Login"].SelectMany(UsedRooms).Select(used => used.Room).Should().Contain(["Users", "Jwt"], "the scan reads the source it checks");

    private static IEnumerable<(string Room, string Evidence)> UsedRooms(SourceFile file)
    {
        foreach (var (room, _) in Rooms.Value)
        {
            if (room == file.Room)
            {
                continue;
            }

            // A namespace of the room (Microsoft.Extensions.DependencyInjection is not one: the front door only borrows it).
            var qualified = new Regex($@"\bCredentials\.{room}\b|(?<![\w.]){room}\.(?=[A-Z])");
            if (qualified.Match(file.Code) is { Success: true } name)
            {
                yield return (room, name.Value);
                continue;
            }

            var type = RoomTypes(room).FirstOrDefault(t => Regex.IsMatch(file.Code, $@"(?<![\w.]){t}\b"));
            if (type is not null)
            {
                yield return (room, type);
            }
        }
    }

    private static IEnumerable<string> RoomTypes(string room) =>
        Rooms.Value[room].SelectMany(file => TopLevelType().Matches(file.Code).Select(m => m.Groups["name"].Value));

    private static Dictionary<string, SourceFile[]> ReadRooms()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Credentials.Core.sln")))
        {
            directory = directory.Parent;
        }

        var core = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Credentials.Core.sln not found above the test binaries."), "src", "Credentials.Core");
        return Directory.GetDirectories(core)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .ToDictionary(
                room => room!,
                room => Directory.GetFiles(Path.Combine(core, room!), "*.cs", SearchOption.AllDirectories)
                    .Select(path => new SourceFile(room!, Path.GetRelativePath(core, path), LineComment().Replace(File.ReadAllText(path), string.Empty)))
                    .ToArray(),
                StringComparer.Ordinal);
    }

    /// <summary>A type declared at the top of a file (file-scoped namespaces): nested types go with their parent.</summary>
    [GeneratedRegex(@"^(?:public|internal)(?: \w+)* (?:class|struct|record|interface|enum) (?!struct\b|class\b)(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    /// <summary>Ordinary comments may mention any room; code and XML docs (whose crefs bind) may not.</summary>
    [GeneratedRegex(@"^\s*//(?!/).*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    private sealed record SourceFile(string Room, string Path, string Code);
}
