using Credentials.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credentials.Argon2.Tests;

public class Argon2RegistrationTests
{
    [Fact]
    public void UseArgon2idPasswords_Defaults_ReplacesTheHasherWithOwaspParameters()
    {
        var services = new ServiceCollection();
        services.AddCredentials().UseArgon2idPasswords();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IPasswordHasher>().Should().BeOfType<Argon2idPasswordHasher>();
        provider.GetRequiredService<IPasswordHasher>().Hash("a passphrase").Should().StartWith("$credentials-argon2id$v=1$m=19456,t=2,p=1$");
        services.Count(d => d.ServiceType == typeof(IPasswordHasher)).Should().Be(1);
    }

    [Fact]
    public void UseArgon2idPasswords_Configured_HashesWithThoseParameters()
    {
        var services = new ServiceCollection();
        services.AddCredentials().UseArgon2idPasswords(o =>
        {
            o.MemorySizeKiB = 12_288;
            o.Iterations = 3;
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IPasswordHasher>().Hash("a passphrase").Should().StartWith("$credentials-argon2id$v=1$m=12288,t=3,p=1$");
    }

    [Theory]
    [InlineData(47_104, 1)]
    [InlineData(19_456, 2)]
    [InlineData(12_288, 3)]
    [InlineData(9_216, 4)]
    [InlineData(7_168, 5)]
    public void UseArgon2idPasswords_EachOwaspConfiguration_Valid(int memorySizeKiB, int iterations)
    {
        Validate(memorySizeKiB, iterations).Should().BeEmpty();
    }

    [Theory]
    [InlineData(7_167, 6, "MemorySizeKiB")]
    [InlineData(Argon2idPasswordOptions.MaximumMemorySizeKiB + 1, 1, "MemorySizeKiB")]
    [InlineData(19_456, 0, "Iterations")]
    [InlineData(19_456, Argon2idPasswordOptions.MaximumIterations + 1, "Iterations")]
    [InlineData(19_456, 1, "MemorySizeKiB × Iterations")]
    [InlineData(7_168, 4, "MemorySizeKiB × Iterations")]
    public void UseArgon2idPasswords_OutOfBounds_RefusedAtStartNamingTheSetting(int memorySizeKiB, int iterations, string setting)
    {
        Validate(memorySizeKiB, iterations).Should().ContainSingle().Which.Should().Contain(setting);
    }

    private static IEnumerable<string> Validate(int memorySizeKiB, int iterations)
    {
        var services = new ServiceCollection();
        services.AddCredentials().UseArgon2idPasswords(o =>
        {
            o.MemorySizeKiB = memorySizeKiB;
            o.Iterations = iterations;
        });
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures;
        }
    }
}
