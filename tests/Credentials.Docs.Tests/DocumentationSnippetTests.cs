using Credentials.Docs.Tests.Snippets;

namespace Credentials.Docs.Tests;

/// <summary>Every C# block in README.md and docs/*.md compiles against the library as it is.</summary>
public sealed class DocumentationSnippetTests
{
    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var snippet in AllSnippets())
        {
            data.Add(snippet.Page, snippet.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_InThePage_Compiles(string page, int line)
    {
        var snippet = AllSnippets().Single(s => s.Page == page && s.Line == line);

        SnippetCompiler.Errors(snippet).Should().BeEmpty($"the block at {snippet} is meant to be pasted into a host");
    }

    [Fact]
    public void Pages_TheReadmeAndDocs_HaveSnippetsToCompile()
    {
        AllSnippets().Select(s => s.Page).Distinct().Should().Contain(["README.md", Path.Combine("docs", "api-keys.md")]);
    }

    [Fact]
    public void Compiler_ASnippetWithAMistake_ReportsItsPageLine()
    {
        var broken = new DocumentationSnippet("docs/example.md", 10, "services.AddCredentials();\nservices.AddNoSuchThing();\n");

        SnippetCompiler.Errors(broken).Should().ContainSingle().Which.Should().StartWith("docs/example.md:11: CS1061");
    }

    private static IEnumerable<DocumentationSnippet> AllSnippets() =>
        DocumentationSnippet.Pages(RepositoryRoot.Path).SelectMany(page => DocumentationSnippet.Read(RepositoryRoot.Path, page));
}
