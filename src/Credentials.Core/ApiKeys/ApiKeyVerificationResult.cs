using System.Diagnostics.CodeAnalysis;

namespace Credentials.ApiKeys;

/// <summary>The outcome of <see cref="IApiKeyService.VerifyAsync"/>: the key's record, owner and permissions, or why it was refused.</summary>
public sealed class ApiKeyVerificationResult
{
    private static readonly FailedResults<ApiKeyVerificationFailure, ApiKeyVerificationResult> Failures = new(f => new(f, null, [], default));

    private ApiKeyVerificationResult(ApiKeyVerificationFailure? failure, ApiKey? key, IReadOnlyList<string> permissions, ApiKeyPresentation presentation)
    {
        Failure = failure;
        Key = key;
        Permissions = permissions;
        Presentation = presentation;
    }

    /// <summary>True when the key was accepted; <see cref="Key"/> and <see cref="OwnerId"/> are then set, otherwise <see cref="Failure"/>.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(OwnerId))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the key was refused; null when it was accepted.</summary>
    public ApiKeyVerificationFailure? Failure { get; }

    /// <summary>The accepted key's record; null when refused.</summary>
    public ApiKey? Key { get; }

    /// <summary>The user the accepted key acts for; null when refused.</summary>
    public string? OwnerId => Key?.OwnerId;

    /// <summary>
    /// The key's grant, what a request presenting it may do: the key's own <see cref="ApiKey.Permissions"/> that its
    /// owner still holds (see <see cref="ApiKeyOptions.PermissionCeiling"/>). Empty when refused.
    /// </summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>How the accepted key was presented (current secret, grace secret or web token); meaningless when refused.</summary>
    public ApiKeyPresentation Presentation { get; }

    internal static ApiKeyVerificationResult Success(ApiKey key, IReadOnlyList<string> grant, ApiKeyPresentation presentation) =>
        new(null, key, grant, presentation);

    /// <summary>A refused key: one shared instance per reason.</summary>
    internal static ApiKeyVerificationResult Failed(ApiKeyVerificationFailure failure) => Failures[failure];

    /// <summary>The failure, or the accepted key's uuid and how it was presented; never the key.</summary>
    public override string ToString() => Succeeded
        ? $"ApiKeyVerificationResult {{ Succeeded = True, Uuid = {Key.Uuid}, Presentation = {Presentation} }}"
        : $"ApiKeyVerificationResult {{ Failure = {Failure} }}";
}
