using System.Text.Json;

namespace Credentials.Jwt;

/// <summary>Tracks member names seen in one JSON object, so a repeated name is caught whatever it is.</summary>
internal struct JsonMemberSet
{
    private int _known;
    private List<string>? _others;

    public JwtValidationFailure? Failure { get; private set; }

    public bool First(JoseMember member)
    {
        var bit = 1 << (int)member;
        if ((_known & bit) != 0)
        {
            Failure = JwtValidationFailure.DuplicateMember;
            return false;
        }

        _known |= bit;
        return true;
    }

    /// <summary>False (Malformed) past <paramref name="limit"/> other members, before the name is even read.</summary>
    public bool FirstOther(ref Utf8JsonReader reader, int limit)
    {
        if (_others?.Count >= limit)
        {
            return false;
        }

        var name = reader.GetString()!;
        _others ??= [];
        if (_others.Contains(name))
        {
            Failure = JwtValidationFailure.DuplicateMember;
            return false;
        }

        _others.Add(name);
        return true;
    }
}
