using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Credentials.Text;

namespace Credentials.Invalidation;

/// <summary>
/// A message that a credential stopped working or changed, sent to every instance of a host so that caches forget it.
/// It names the credential by an identifier that is never a secret (a key's uuid, a subject, a session id).
/// </summary>
public sealed class CredentialInvalidation : IEquatable<CredentialInvalidation>
{
    /// <summary>The longest <see cref="Id"/>: the longest web-token subject the options allow, with room to spare.</summary>
    public const int MaxIdLength = 1024;

    /// <summary>Creates a message.</summary>
    /// <param name="kind">What is named.</param>
    /// <param name="id">Which one; empty for <see cref="CredentialInvalidationKind.SigningKeysChanged"/> and <see cref="CredentialInvalidationKind.Everything"/>.</param>
    /// <exception cref="ArgumentException">The kind is not defined, or the id is longer than <see cref="MaxIdLength"/> or holds control characters or unpaired surrogates.</exception>
    public CredentialInvalidation(CredentialInvalidationKind kind, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"Unknown invalidation kind {(int)kind}.", nameof(kind));
        }

        if (id.Length > MaxIdLength || !UnicodeText.IsPrintable(id))
        {
            throw new ArgumentException($"An invalidation id is printable text of at most {MaxIdLength} characters.", nameof(id));
        }

        Kind = kind;
        Id = id;
    }

    /// <summary>The message every cache obeys by forgetting all it holds.</summary>
    public static CredentialInvalidation Everything { get; } = new(CredentialInvalidationKind.Everything, string.Empty);

    /// <summary>What is named.</summary>
    public CredentialInvalidationKind Kind { get; }

    /// <summary>Which one (never a secret).</summary>
    public string Id { get; }

    /// <summary>The message for an API key.</summary>
    /// <param name="uuid">The key's uuid.</param>
    /// <returns>A message of kind <see cref="CredentialInvalidationKind.ApiKeyChanged"/>.</returns>
    public static CredentialInvalidation ForKey(Guid uuid) => new(CredentialInvalidationKind.ApiKeyChanged, uuid.ToString("D"));

    /// <summary>
    /// The message's wire form, <c>kind:id</c> with the kind's number: what a channel sends between instances. Parse it
    /// back with <see cref="TryParse"/>.
    /// </summary>
    /// <returns>The wire form.</returns>
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{(int)Kind}:{Id}");

    /// <summary>
    /// Reads a message in the wire form of <see cref="Format"/>. Anything else (another sender's format, an unknown
    /// kind, an overlong or ill-formed id) is refused rather than thrown on: a channel's input is not trusted.
    /// </summary>
    /// <param name="text">The wire form.</param>
    /// <param name="invalidation">The message, when the text is one.</param>
    /// <returns>True when <paramref name="text"/> is a message.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out CredentialInvalidation? invalidation)
    {
        invalidation = null;
        var colon = text.IndexOf(':');
        if (colon is < 1 or > 2
            || !int.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !Enum.IsDefined((CredentialInvalidationKind)number))
        {
            return false;
        }

        var id = text[(colon + 1)..];
        if (id.Length > MaxIdLength || !UnicodeText.IsPrintable(id))
        {
            return false;
        }

        invalidation = new CredentialInvalidation((CredentialInvalidationKind)number, id.ToString());
        return true;
    }

    /// <inheritdoc />
    public bool Equals(CredentialInvalidation? other) =>
        other is not null && Kind == other.Kind && string.Equals(Id, other.Id, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CredentialInvalidation);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Id));

    /// <summary>The kind and the id (neither is a secret).</summary>
    /// <returns><c>{ Kind = ApiKeyChanged, Id = … }</c>.</returns>
    public override string ToString() => $"{{ Kind = {Kind}, Id = {Id} }}";
}
