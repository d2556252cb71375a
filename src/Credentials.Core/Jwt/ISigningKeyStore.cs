namespace Credentials.Jwt;

/// <summary>
/// Where managed signing keys live, shared by every instance of the host (see <c>UseManagedSigningKeys()</c>). Like
/// every store it persists and finds; the key ring decides when keys are made and dropped. Each method is one atomic
/// step; <c>SigningKeyStoreContractTests</c> in Credentials.Testing holds an implementation to this contract.
/// </summary>
public interface ISigningKeyStore
{
    /// <summary>Every stored key, in ascending <see cref="StoredSigningKey.Generation"/>.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The keys; empty when there are none.</returns>
    ValueTask<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="key"/> unless the store already holds a key of its generation (or its <c>kid</c>): the
    /// check and the insert are one atomic step, so of many instances adding the same generation at once exactly one
    /// succeeds.
    /// </summary>
    /// <param name="key">The new key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when this call added the key; false when the generation was taken.</returns>
    ValueTask<bool> TryAddAsync(StoredSigningKey key, CancellationToken cancellationToken);

    /// <summary>Removes the key of <paramref name="generation"/>.</summary>
    /// <param name="generation">The key's generation.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when a key was removed; false when there was none (another instance removed it first).</returns>
    ValueTask<bool> DeleteAsync(long generation, CancellationToken cancellationToken);
}
