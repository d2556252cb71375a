namespace Credentials.Invalidation;

/// <summary>What an <see cref="CredentialInvalidation"/> names. Numbered from 1; the numbers travel between instances.</summary>
public enum CredentialInvalidationKind
{
    /// <summary>An API key changed (deactivated, activated, rolled, deleted, purged): the id is its uuid.</summary>
    ApiKeyChanged = 1,

    /// <summary>The web token of a subject changed (issued anew or revoked): the id is the subject.</summary>
    WebTokenChanged = 2,

    /// <summary>A login session ended: the id is the session id.</summary>
    SessionEnded = 3,

    /// <summary>Everything of one user changed (every session ended, permissions changed): the id is the user id.</summary>
    UserChanged = 4,

    /// <summary>The JWT signing-key ring changed: the id is empty.</summary>
    SigningKeysChanged = 5,

    /// <summary>
    /// Anything may have changed: the channel lost messages (a reconnect) and caches must forget everything. Delivered
    /// by a channel to its own instance; the id is empty.
    /// </summary>
    Everything = 6,
}
