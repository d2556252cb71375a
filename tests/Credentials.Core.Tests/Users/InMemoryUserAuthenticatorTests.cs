using Credentials.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
// Identity names its own enum the same; this file uses both libraries.

namespace Credentials.Core.Tests.Users;

public class InMemoryUserAuthenticatorTests
{
    private const string Password = "s3cret passphrase";

    private static readonly AuthenticatedUser Alice = new()
    {
        Id = "user-1",
        Username = "alice",
        Email = "alice@example.com",
        Permissions = ["api.keys.create"],
    };

    private readonly CountingPasswordHasher _hasher = new(Pbkdf2PasswordHasherTests.CreateHasher(1000));
    private readonly CapturingLogger _logger = new();

    private InMemoryUserAuthenticator Create(IPasswordHasher? hasher = null) =>
        new(hasher ?? _hasher, new PasswordHashingOptions(), _logger);

    private InMemoryUserAuthenticator CreateWithAlice()
    {
        var authenticator = Create();
        authenticator.AddUser(Alice, Password);
        _hasher.Verifications = 0;
        return authenticator;
    }

    [Fact]
    public void StoredUser_Printed_LeavesThePasswordHashOut()
    {
        var hash = Pbkdf2PasswordHasherTests.CreateHasher(1000).Hash(Password);
        var authenticator = Create();
        authenticator.AddUserWithPasswordHash(Alice, hash);
        var users = (System.Collections.IDictionary)typeof(InMemoryUserAuthenticator)
            .GetField("_users", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(authenticator)!;

        var printed = users.Values.Cast<object>().Single().ToString();

        printed.Should().Contain("alice").And.Contain("(redacted)").And.NotContain(hash);
    }

    [Fact]
    public async Task FindByIdAsync_KnownAndUnknownIds_FindsOnlyTheExactId()
    {
        var directory = CreateWithAlice();

        (await directory.FindByIdAsync("user-1", CancellationToken.None)).Should().BeSameAs(Alice);
        (await directory.FindByIdAsync("USER-1", CancellationToken.None)).Should().BeNull("ids are compared ordinally");
        (await directory.FindByIdAsync("user-2", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task AuthenticateAsync_RightPassword_ReturnsTheUser()
    {
        var authenticator = CreateWithAlice();

        var result = await authenticator.AuthenticateAsync("alice", Password, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.User.Should().Be(Alice);
        result.RehashNeeded.Should().BeFalse();
    }

    [Theory]
    [InlineData("ALICE")]
    [InlineData("  Alice\t")]
    public async Task AuthenticateAsync_UsernameInOtherCaseOrPadded_ReturnsTheStoredUser(string username)
    {
        var authenticator = CreateWithAlice();

        var result = await authenticator.AuthenticateAsync(username, Password, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.User!.Username.Should().Be("alice");
    }

    [Theory]
    [InlineData("S3cret passphrase")]
    [InlineData("s3cret passphrase ")]
    [InlineData("s3cret\u0000passphrase")]
    [InlineData("s3cret \U0001F511")]
    public async Task AuthenticateAsync_WrongPassword_InvalidCredentials(string password)
    {
        var authenticator = CreateWithAlice();

        var result = await authenticator.AuthenticateAsync("alice", password, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(UserAuthenticationFailure.InvalidCredentials);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownUserAndWrongPassword_SameResultAndEachRunsTheKdfOnce()
    {
        var authenticator = CreateWithAlice();

        var unknown = await authenticator.AuthenticateAsync("bob", Password, CancellationToken.None);
        var unknownVerifications = _hasher.Verifications;
        _hasher.Verifications = 0;
        var wrong = await authenticator.AuthenticateAsync("alice", "not it", CancellationToken.None);

        unknown.Failure.Should().Be(UserAuthenticationFailure.InvalidCredentials);
        wrong.Failure.Should().Be(unknown.Failure);
        unknownVerifications.Should().Be(1);
        _hasher.Verifications.Should().Be(1);
        _hasher.VerifiedHashes.Should().OnlyContain(hash => hash.Contains("$i=1000$", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownUserWithTheDummyPassword_InvalidCredentials()
    {
        var authenticator = CreateWithAlice();

        var result = await authenticator.AuthenticateAsync(
            "nobody", "unknown user: this hash only makes a miss cost a full verification", CancellationToken.None);

        result.Failure.Should().Be(UserAuthenticationFailure.InvalidCredentials);
    }

    public static TheoryData<string?, string?> BadInput() => new()
    {
        { null, Password },
        { string.Empty, Password },
        { "   ", Password },
        { new string('a', InMemoryUserAuthenticator.MaxUsernameLength + 1), Password },
        { "ali\u0000ce", Password },
        { "ali\nce", Password },
        { "alice\uD800", Password },
        { new string('a', 10 * 1024 * 1024), Password },
        { "alice", null },
        { "alice", string.Empty },
        { "alice", new string('p', PasswordHashingOptions.DefaultMaxPasswordLength + 1) },
        { "alice", new string('p', 10 * 1024 * 1024) },
        { "alice", "lone \uDC00 surrogate" },
    };

    [Theory]
    [MemberData(nameof(BadInput), DisableDiscoveryEnumeration = true)]
    public async Task AuthenticateAsync_BadInput_InvalidInputWithoutHashing(string? username, string? password)
    {
        var authenticator = CreateWithAlice();

        var result = await authenticator.AuthenticateAsync(username!, password!, CancellationToken.None);

        result.Failure.Should().Be(UserAuthenticationFailure.InvalidInput);
        _hasher.Verifications.Should().Be(0);
    }

    [Fact]
    public async Task AuthenticateAsync_StoredHashBelowCurrentIterations_UpgradesItOnce()
    {
        var authenticator = Create(Pbkdf2PasswordHasherTests.CreateHasher(2000));
        authenticator.AddUserWithPasswordHash(Alice, Pbkdf2PasswordHasherTests.CreateHasher(1000).Hash(Password));

        var first = await authenticator.AuthenticateAsync("alice", Password, CancellationToken.None);
        var second = await authenticator.AuthenticateAsync("alice", Password, CancellationToken.None);

        first.Succeeded.Should().BeTrue();
        first.RehashNeeded.Should().BeTrue();
        second.Succeeded.Should().BeTrue();
        second.RehashNeeded.Should().BeFalse();
        _logger.Messages.Should().Contain(m => m.Contains("upgraded", StringComparison.Ordinal) && m.Contains("user-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthenticateAsync_AspNetIdentityV2Hash_SucceedsAndMigratesToOwnFormat()
    {
        var authenticator = Create();
        var identityHasher = new PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(
            new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        authenticator.AddUserWithPasswordHash(Alice, identityHasher.HashPassword(new object(), Password));

        var first = await authenticator.AuthenticateAsync("alice", Password, CancellationToken.None);
        var second = await authenticator.AuthenticateAsync("alice", Password, CancellationToken.None);

        first.RehashNeeded.Should().BeTrue();
        second.Succeeded.Should().BeTrue();
        second.RehashNeeded.Should().BeFalse();
        _hasher.VerifiedHashes[^1].Should().StartWith("$credentials-pbkdf2-sha256$");
    }

    [Fact]
    public async Task AuthenticateAsync_RehashNeededButWrongPassword_KeepsStoredHash()
    {
        var authenticator = Create(Pbkdf2PasswordHasherTests.CreateHasher(2000));
        authenticator.AddUserWithPasswordHash(Alice, Pbkdf2PasswordHasherTests.CreateHasher(1000).Hash(Password));

        var wrong = await authenticator.AuthenticateAsync("alice", "wrong", CancellationToken.None);
        var right = await authenticator.AuthenticateAsync("alice", Password, CancellationToken.None);

        wrong.Failure.Should().Be(UserAuthenticationFailure.InvalidCredentials);
        right.RehashNeeded.Should().BeTrue();
    }

    [Fact]
    public async Task AuthenticateAsync_Cancelled_Throws()
    {
        var authenticator = CreateWithAlice();

        var act = async () => await authenticator.AuthenticateAsync("alice", Password, new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task AuthenticateAsync_AnyOutcome_LogsNeitherUsernameNorPassword()
    {
        var authenticator = CreateWithAlice();
        const string pastedPassword = "hunter2-typed-into-the-username-field";

        await authenticator.AuthenticateAsync(pastedPassword, Password, CancellationToken.None);
        await authenticator.AuthenticateAsync("alice", pastedPassword, CancellationToken.None);
        await authenticator.AuthenticateAsync("alice", Password, CancellationToken.None);

        _logger.Messages.Should().HaveCount(3);
        _logger.Messages.Should().NotContain(m =>
            m.Contains(pastedPassword, StringComparison.Ordinal) || m.Contains(Password, StringComparison.Ordinal)
            || m.Contains("alice", StringComparison.Ordinal));
        _logger.EventIds.Should().OnlyContain(id => id >= 3000 && id < 3500);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("bad\u0007name")]
    public void AddUser_InvalidUsername_ThrowsArgumentError(string username)
    {
        var authenticator = Create();

        var act = () => authenticator.AddUser(Alice with { Username = username }, Password);

        act.Should().Throw<ArgumentException>().WithParameterName("user");
    }

    [Fact]
    public void AddUser_UsernameTakenInOtherCase_ThrowsArgumentError()
    {
        var authenticator = CreateWithAlice();

        var act = () => authenticator.AddUser(Alice with { Id = "user-2", Username = " ALICE " }, Password);

        act.Should().Throw<ArgumentException>().Which.Message.Should().NotContain("ALICE");
    }

    [Fact]
    public void AddUser_UnacceptablePassword_ThrowsArgumentError()
    {
        var act = () => Create().AddUser(Alice, string.Empty);

        act.Should().Throw<ArgumentException>().WithParameterName("password");
    }

    [Fact]
    public void AddUserWithPasswordHash_EmptyHash_ThrowsArgumentError()
    {
        var act = () => Create().AddUserWithPasswordHash(Alice, " ");

        act.Should().Throw<ArgumentException>().WithParameterName("passwordHash");
    }

    private sealed class CountingPasswordHasher(IPasswordHasher inner) : IPasswordHasher
    {
        public int Verifications { get; set; }

        public List<string> VerifiedHashes { get; } = [];

        public string Hash(string password) => inner.Hash(password);

        public PasswordVerification Verify(string passwordHash, string password)
        {
            Verifications++;
            VerifiedHashes.Add(passwordHash);
            return inner.Verify(passwordHash, password);
        }
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public List<int> EventIds { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Messages.Add(formatter(state, exception));
            EventIds.Add(eventId.Id);
        }
    }
}
