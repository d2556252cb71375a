namespace Credentials.Docs.Tests.Snippets;

/// <summary>The repository the tests run from: the directory above the test binaries that holds the solution.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Credentials.Core.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Credentials.Core.sln above {AppContext.BaseDirectory}.");
    }
}
