using Microsoft.Extensions.Logging;

namespace Credentials.Invalidation;

/// <summary>The default channel: this process is the only instance, so a message only needs delivering here.</summary>
internal sealed class InProcessInvalidationChannel(ILogger<InProcessInvalidationChannel> logger) : CredentialInvalidationChannel(logger)
{
    protected override ValueTask SendAsync(string envelope, CancellationToken cancellationToken) => default;
}
