using System.Runtime.CompilerServices;

namespace Credentials;

/// <summary>
/// One shared result per reason of a failure enum, made once, so a failure that carries no data allocates nothing.
/// Every failure enum is numbered from 1 with no gaps, so a reason's result sits at index <c>reason - 1</c>.
/// </summary>
/// <typeparam name="TFailure">A failure enum backed by <see cref="int"/>, numbered 1, 2, 3, ...</typeparam>
/// <typeparam name="TResult">The result type that carries the failure.</typeparam>
internal sealed class FailedResults<TFailure, TResult>
    where TFailure : struct, Enum
    where TResult : class
{
    private readonly Func<TFailure, TResult> _create;
    private readonly TResult[] _shared;

    public FailedResults(Func<TFailure, TResult> create)
    {
        var reasons = Enum.GetValues<TFailure>();
        for (var i = 0; i < reasons.Length; i++)
        {
            if (Number(reasons[i]) != i + 1)
            {
                throw new InvalidOperationException($"{typeof(TFailure).Name} must be numbered 1, 2, 3, ... without gaps.");
            }
        }

        _create = create;
        _shared = [.. reasons.Select(create)];
    }

    /// <summary>The shared result for a defined reason; a number the enum does not define (a host may cast any) gets its own.</summary>
    public TResult this[TFailure failure]
    {
        get
        {
            var index = Number(failure) - 1;
            return (uint)index < (uint)_shared.Length ? _shared[index] : _create(failure);
        }
    }

    // Reinterprets the enum as its int value without boxing; every failure enum here is backed by int.
    private static int Number(TFailure failure) => Unsafe.As<TFailure, int>(ref failure);
}
