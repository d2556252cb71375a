using System.Text;

namespace Credentials.Docs.Tests.Snippets;

/// <summary>One fenced <c>csharp</c> block of a Markdown page: where it starts and what it says.</summary>
internal sealed record DocumentationSnippet(string Page, int Line, string Code)
{
    /// <summary>The Markdown pages a reader follows: the README and every page under docs/.</summary>
    public static IEnumerable<string> Pages(string repositoryRoot) =>
        new[] { Path.Combine(repositoryRoot, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(repositoryRoot, "docs"), "*.md").Order(StringComparer.Ordinal));

    /// <summary>Every <c>```csharp</c> block of <paramref name="pagePath"/>, in order.</summary>
    public static IEnumerable<DocumentationSnippet> Read(string repositoryRoot, string pagePath)
    {
        var page = Path.GetRelativePath(repositoryRoot, pagePath);
        var lines = File.ReadAllLines(pagePath);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var code = new StringBuilder();
            var start = i + 2;
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                code.AppendLine(lines[i]);
            }

            yield return new DocumentationSnippet(page, start, code.ToString());
        }
    }

    public override string ToString() => $"{Page}:{Line}";
}
