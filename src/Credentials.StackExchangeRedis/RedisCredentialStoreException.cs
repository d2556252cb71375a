namespace Credentials.StackExchangeRedis;

/// <summary>
/// Thrown by the Redis stores when Redis did not complete an operation: it was unreachable, timed out or answered with
/// an error. The store never turns such a fault into an answer such as "not found". The message names the operation,
/// never a subject, a secret or a hash; the StackExchange.Redis exception is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class RedisCredentialStoreException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that names the failed operation.</summary>
    public RedisCredentialStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public RedisCredentialStoreException()
    {
    }

    /// <summary>Creates the exception with a message that names the failed operation.</summary>
    public RedisCredentialStoreException(string message)
        : base(message)
    {
    }
}
