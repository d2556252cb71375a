using Credentials.ApiKeys;
using Credentials.Secrets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>
/// Random and mutated key strings: the format check never throws and never accepts what was not issued, and the
/// service never answers Valid to anything but the issued key. CRC-32 catches every single-character change and every
/// swap of neighbours with certainty (both are bursts shorter than 32 bits), so those properties hold for all inputs.
/// </summary>
public sealed class ApiKeyPropertyTests : IAsyncDisposable
{
    private const int Tests = 1000;

    private static readonly ApiKeyFormat Format = new(new ApiKeyOptions());
    private static readonly Gen<string> KeyShaped =
        Gen.ArrayOf(Gen.Elements(SecretEncoding.Base62Alphabet.ToCharArray()), 49).Select(chars => "cc_live_" + new string(chars));

    private readonly ApiKeyTestHost _host = new();
    private readonly string _issued;

    public ApiKeyPropertyTests()
    {
        _issued = _host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "k" }, ApiKeyTestHost.Admin, CancellationToken.None)
            .AsTask().GetAwaiter().GetResult().PlainKey!;
    }

    [Property(MaxTest = Tests)]
    public bool IsWellFormed_AnyString_False(string? candidate) => candidate is null || !Format.IsWellFormed(candidate);

    [Property(MaxTest = Tests)]
    public Property IsWellFormed_RandomKeyShapedString_FalseByChecksum() =>
        Prop.ForAll(Arb.From(KeyShaped), candidate => !Format.IsWellFormed(candidate));

    [Property(MaxTest = Tests)]
    public bool IsWellFormed_IssuedKeyWithOneCharacterReplaced_False(NonNegativeInt position, char replacement)
    {
        var index = position.Get % _issued.Length;
        if (_issued[index] == replacement)
        {
            return true;
        }

        var mutated = _issued[..index] + replacement + _issued[(index + 1)..];
        return !Format.IsWellFormed(mutated) && Verify(mutated) is not null;
    }

    [Property(MaxTest = Tests)]
    public bool IsWellFormed_IssuedKeyWithNeighboursSwapped_False(NonNegativeInt position)
    {
        var index = position.Get % (_issued.Length - 1);
        if (_issued[index] == _issued[index + 1])
        {
            return true;
        }

        var mutated = _issued[..index] + _issued[index + 1] + _issued[index] + _issued[(index + 2)..];
        return !Format.IsWellFormed(mutated);
    }

    [Property(MaxTest = Tests)]
    public bool VerifyAsync_IssuedKeyWithCharacterInsertedOrDeleted_Malformed(NonNegativeInt position, char inserted, bool delete)
    {
        var index = position.Get % _issued.Length;
        var mutated = delete ? _issued.Remove(index, 1) : _issued.Insert(index, inserted.ToString());
        return Verify(mutated) == ApiKeyVerificationFailure.Malformed;
    }

    [Property(MaxTest = Tests)]
    public bool VerifyAsync_AnyString_NeverThrowsNeverValid(string? candidate) =>
        Verify(candidate) is not null;

    [Property(MaxTest = Tests)]
    public bool VerifyAsync_IssuedKeyWrappedInOtherText_Malformed(string? before, string? after) =>
        string.IsNullOrEmpty(before) && string.IsNullOrEmpty(after)
            ? Verify(_issued) is null
            : Verify(before + _issued + after) == ApiKeyVerificationFailure.Malformed;

    [Fact]
    public async Task VerifyAsync_EverySingleCharacterSubstitutionOfAnIssuedKey_NotValid()
    {
        foreach (var index in Enumerable.Range(0, _issued.Length))
        {
            foreach (var replacement in SecretEncoding.Base62Alphabet.Where(c => c != _issued[index]))
            {
                var mutated = _issued[..index] + replacement + _issued[(index + 1)..];
                (await _host.VerifyAsync(mutated)).Failure.Should().Be(ApiKeyVerificationFailure.Malformed, mutated);
            }
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>The in-memory store answers synchronously, so a property (which must be synchronous) can wait on it.</summary>
    private ApiKeyVerificationFailure? Verify(string? candidate) =>
        _host.Service.VerifyAsync(candidate, CancellationToken.None).AsTask().GetAwaiter().GetResult().Failure;
}
