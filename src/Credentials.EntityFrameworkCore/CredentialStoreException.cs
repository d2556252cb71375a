namespace Credentials.EntityFrameworkCore;

/// <summary>
/// Thrown by the Entity Framework Core stores when the database did not complete an operation: it was unreachable,
/// timed out, refused a duplicate hash or uuid, or kept conflicting after the bounded retries. The store never turns
/// such a fault into an answer such as "not found". The message names the operation, never a secret or a hash; the
/// provider's exception is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class CredentialStoreException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that names the failed operation.</summary>
    public CredentialStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public CredentialStoreException()
    {
    }

    /// <summary>Creates the exception with a message that names the failed operation.</summary>
    public CredentialStoreException(string message)
        : base(message)
    {
    }
}
