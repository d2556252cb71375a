using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Credentials.Docs.Tests.Snippets;

/// <summary>
/// Compiles a snippet as a reader's file would be: beside <c>SnippetHost.cs</c> (usings and the names a host has in
/// scope) and the reader's own types, against every assembly this test runs with (the library, ASP.NET Core, EF Core).
/// </summary>
internal static class SnippetCompiler
{
    private static readonly CSharpParseOptions Parsing = new(LanguageVersion.Latest);
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);
    private static readonly Lazy<SyntaxTree[]> Host = new(() =>
    [
        CSharpSyntaxTree.ParseText(HostSource(), Parsing, "SnippetHost.cs"),
        CSharpSyntaxTree.ParseText(ReaderTypes.Source(), Parsing, "ReaderTypes.cs"),
    ]);

    /// <summary>The compiler's errors for <paramref name="snippet"/>, each with its line in the page.</summary>
    public static IReadOnlyList<string> Errors(DocumentationSnippet snippet)
    {
        var tree = CSharpSyntaxTree.ParseText(snippet.Code, Parsing, snippet.Page);
        var declaresDbContext = tree.GetCompilationUnitRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Any(c => c.Identifier.Text == ReaderDbContext.Name);
        SyntaxTree[] trees = declaresDbContext
            ? [.. Host.Value, tree]
            : [.. Host.Value, CSharpSyntaxTree.ParseText(ReaderDbContext.Source, Parsing, "ReaderDbContext.cs"), tree];
        // A snippet with statements is a program's top level; one with declarations only is a library file.
        var kind = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any()
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;
        var compilation = CSharpCompilation.Create(
            "Snippet",
            trees,
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{snippet.Page}:{snippet.Line + d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
    }

    private static string HostSource()
    {
        using var stream = typeof(SnippetCompiler).Assembly.GetManifestResourceStream("SnippetHost.cs")
            ?? throw new InvalidOperationException("SnippetHost.cs is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every assembly the runtime resolved for this test: the shared frameworks and the packages.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
}
