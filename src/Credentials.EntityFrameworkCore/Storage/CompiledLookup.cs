using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Credentials.EntityFrameworkCore.Storage;

/// <summary>
/// A compiled single-row query. EF Core binds a compiled query to one model, and one context type can carry several
/// (a different provider per service provider, as in the tests), so the query is compiled again when the model changes.
/// </summary>
internal sealed class CompiledLookup<TContext, TParameter, TRow>(Expression<Func<TContext, TParameter, CancellationToken, TRow?>> query)
    where TContext : DbContext
    where TRow : class
{
    // Replaced as a whole reference, so concurrent callers never see a model paired with another model's query.
    private Compiled? _compiled;

    public Task<TRow?> RunAsync(TContext context, TParameter parameter, CancellationToken cancellationToken)
    {
        var compiled = _compiled;
        if (compiled is null || !ReferenceEquals(compiled.Model, context.Model))
        {
            compiled = new Compiled(context.Model, EF.CompileAsyncQuery(query));
            _compiled = compiled;
        }

        return compiled.Run(context, parameter, cancellationToken);
    }

    private sealed record Compiled(IModel Model, Func<TContext, TParameter, CancellationToken, Task<TRow?>> Run);
}
