using System.Security.Cryptography;
using Credentials;
using Credentials.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Beside AddCredentials(), so a host chains it without another using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the hosted service that purges expired credentials.</summary>
public static class ExpiredCredentialPurgeBuilderExtensions
{
    /// <summary>
    /// Purges expired web tokens and sessions, and API keys expired longer than a retention (30 days), from the
    /// registered stores every hour, starting at a random point within the first hour. Logs counts, never ids; a store
    /// fault is logged and retried at the next interval.
    /// </summary>
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static ICredentialsBuilder AddExpiredCredentialPurge(this ICredentialsBuilder builder) =>
        builder.AddExpiredCredentialPurge(static _ => { });

    /// <inheritdoc cref="AddExpiredCredentialPurge(ICredentialsBuilder)" />
    /// <param name="builder">The builder <c>AddCredentials()</c> returned.</param>
    /// <param name="configure">Sets the interval and the API keys' retention; validated when the host starts.</param>
    public static ICredentialsBuilder AddExpiredCredentialPurge(this ICredentialsBuilder builder, Action<ExpiredCredentialPurgeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<ExpiredCredentialPurgeOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExpiredCredentialPurgeOptions>, ExpiredCredentialPurgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExpiredCredentialPurgeService>(sp => new ExpiredCredentialPurgeService(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptions<ExpiredCredentialPurgeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<ExpiredCredentialPurgeService>() ?? (ILogger)NullLogger.Instance,
            static () => RandomNumberGenerator.GetInt32(10_000) / 10_000.0)));
        return builder;
    }
}
