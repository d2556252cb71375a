using Credentials.Jwt;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Credentials.Core.Tests.Jwt.JwtTestKit;

namespace Credentials.Core.Tests.Jwt;

/// <summary>
/// Random strings and mutated issued tokens: validation never throws and never accepts anything but the tokens the
/// issuer handed out (each signature algorithm, with the validated-token cache on).
/// </summary>
public sealed class JwtPropertyTests : IDisposable
{
    private const int Tests = 1000;

    private static readonly string[] Algorithms = ["HS256", "ES256", "RS256"];

    private readonly ServiceProvider[] _hosts;
    private readonly IJwtValidator[] _validators;
    private readonly string[] _issued;

    public JwtPropertyTests()
    {
        var time = new FakeTimeProvider(Start);
        _hosts = [.. Algorithms.Select(a => Host(time, a))];
        _validators = [.. _hosts.Select(h => h.GetRequiredService<IJwtValidator>())];
        _issued = [.. _hosts.Select(h => h.GetRequiredService<IJwtIssuer>().Issue(Alice).Token)];
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    [Property(MaxTest = Tests)]
    public bool Validate_AnyString_RejectedWithoutThrowing(string? candidate) =>
        _validators.All(v => !v.Validate(candidate).Succeeded);

    [Property(MaxTest = Tests)]
    public bool Validate_IssuedTokenWithOneCharacterReplaced_Rejected(NonNegativeInt which, NonNegativeInt position, char replacement)
    {
        var i = which.Get % Algorithms.Length;
        var token = _issued[i];
        var index = position.Get % token.Length;
        if (token[index] == replacement)
        {
            return true;
        }

        var mutated = token[..index] + replacement + token[(index + 1)..];
        return !_validators[i].Validate(mutated).Succeeded && _validators[i].Validate(token).Succeeded;
    }

    [Property(MaxTest = Tests)]
    public Property Validate_IssuedTokenWithCharactersInsertedOrCut_Rejected() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, Algorithms.Length - 1)),
            Arb.From(Gen.Choose(0, 4096)),
            Arb.From(Gen.Elements("", "A", ".", "=", "\0", "\uD800", "é", "AAAA", "..", "%2E")),
            (i, position, insert) =>
            {
                var token = _issued[i];
                var index = position % (token.Length + 1);
                var cutAt = position % token.Length;
                var cut = token[..cutAt] + token[(cutAt + 1)..];
                var grown = token[..index] + insert + token[index..];
                return !_validators[i].Validate(cut).Succeeded && (insert.Length == 0 || !_validators[i].Validate(grown).Succeeded);
            });
}
