using Credentials.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.Core.Tests.ApiKeys;

public class ApiKeyOptionsTests
{
    [Fact]
    public void Defaults_MatchTheIssue()
    {
        var options = new ApiKeyOptions();

        options.Prefix.Should().Be("cc_live_");
        options.SecretBits.Should().Be(256);
        options.MaxNameLength.Should().Be(255);
        options.MaxMetadataBytes.Should().Be(16 * 1024);
        options.AllowedPermissions.Should().BeNull();
        options.LastUsedWriteInterval.Should().Be(TimeSpan.FromMinutes(1));
        options.VerificationCacheDuration.Should().Be(TimeSpan.Zero, "the verification cache is opt-in");
        options.VerificationCacheMaxEntries.Should().Be(10_000);
        options.VerificationCacheMaxBytes.Should().Be(32 * 1024 * 1024);
    }

    [Fact]
    public void AddCredentials_DefaultApiKeyOptions_Valid()
    {
        using var provider = Build(_ => { });

        provider.GetRequiredService<IOptions<CredentialsOptions>>().Value.ApiKeys.Prefix.Should().Be("cc_live_");
    }

    public static TheoryData<Action<ApiKeyOptions>, string> BadOptions() => new()
    {
        { o => o.Prefix = "CC_LIVE_", "Credentials:ApiKeys:Prefix" },
        { o => o.Prefix = "cc_live", "Credentials:ApiKeys:Prefix" },
        { o => o.Prefix = "", "Credentials:ApiKeys:Prefix" },
        { o => o.Prefix = null!, "Credentials:ApiKeys:Prefix" },
        { o => o.Prefix = "a_very_long_prefix_", "Credentials:ApiKeys:Prefix" },
        { o => o.SecretBits = 128, "Credentials:ApiKeys:SecretBits" },
        { o => o.SecretBits = 4096, "Credentials:ApiKeys:SecretBits" },
        { o => o.MaxNameLength = 0, "Credentials:ApiKeys:MaxNameLength" },
        { o => o.MaxMetadataBytes = 1, "Credentials:ApiKeys:MaxMetadataBytes" },
        { o => o.MaxPermissions = -1, "Credentials:ApiKeys:MaxPermissions" },
        { o => o.MaxPermissionLength = 0, "Credentials:ApiKeys:MaxPermissionLength" },
        { o => o.AllowedPermissions = new HashSet<string> { "read", " " }, "Credentials:ApiKeys:AllowedPermissions" },
        { o => o.LastUsedWriteInterval = TimeSpan.FromSeconds(-1), "Credentials:ApiKeys:LastUsedWriteInterval" },
        { o => o.VerificationCacheDuration = TimeSpan.FromSeconds(-1), "Credentials:ApiKeys:VerificationCacheDuration" },
        { o => o.VerificationCacheDuration = TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1), "Credentials:ApiKeys:VerificationCacheDuration" },
        { o => o.VerificationCacheMaxEntries = 0, "Credentials:ApiKeys:VerificationCacheMaxEntries" },
        { o => o.VerificationCacheMaxBytes = 0, "Credentials:ApiKeys:VerificationCacheMaxBytes" },
        { o => o.DefaultRateLimit = new ApiKeyRateLimit { Limit = 0, Window = TimeSpan.FromMinutes(1) }, "Credentials:ApiKeys:DefaultRateLimit" },
        { o => o.DefaultRateLimit = new ApiKeyRateLimit { Limit = 5, Window = TimeSpan.FromMilliseconds(500) }, "Credentials:ApiKeys:DefaultRateLimit" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void AddCredentials_BadApiKeyOption_FailsNamingTheSetting(Action<ApiKeyOptions> configure, string setting)
    {
        using var provider = Build(configure);

        var act = () => provider.GetRequiredService<IOptions<CredentialsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{setting}*");
    }

    [Fact]
    public void AddCredentials_LongestVerificationCacheDuration_Valid()
    {
        using var provider = Build(o => o.VerificationCacheDuration = ApiKeyOptions.MaxVerificationCacheDuration);

        provider.GetRequiredService<IOptions<CredentialsOptions>>().Value.ApiKeys.VerificationCacheDuration.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void AddCredentials_Defaults_RegistersServiceAndInMemoryStore()
    {
        using var provider = Build(_ => { });
        using var scope = provider.CreateScope();

        scope.ServiceProvider.GetRequiredService<IApiKeyService>().Should().NotBeNull();
        provider.GetRequiredService<IApiKeyStore>().Should().BeOfType<InMemoryApiKeyStore>();
    }

    [Fact]
    public void AddCredentials_HostStoreRegisteredFirst_HostsStoreWins()
    {
        var services = new ServiceCollection();
        var store = new InMemoryApiKeyStore();
        services.AddScoped<IApiKeyStore>(_ => store);

        services.AddCredentials();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<IApiKeyStore>().Should().BeSameAs(store);
        scope.ServiceProvider.GetRequiredService<IApiKeyService>().Should().NotBeNull();
    }

    private static ServiceProvider Build(Action<ApiKeyOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddCredentials(o => configure(o.ApiKeys));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
