namespace Credentials.Secrets;

/// <summary>A stored record found for a presented secret, with the hash that found it and the pepper that made that hash.</summary>
internal readonly record struct PepperedMatch<TRecord>(TRecord Record, SecretHash Hash, string? PepperId)
    where TRecord : class;
