using Credentials.Secrets;

namespace Credentials.Core.Tests.Secrets;

/// <summary>A predictable random source for known-answer tests: hands out the given bytes in a cycle.</summary>
internal sealed class FixedSecretRandom(params byte[] bytes) : ISecretRandom
{
    private int _next;

    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = bytes[_next++ % bytes.Length];
        }
    }
}
