using System.Text;
using Credentials.ApiKeys;
using Credentials.Core.Tests.Secrets;
using Credentials.Secrets;

namespace Credentials.Core.Tests.ApiKeys;

public class ApiKeyServiceCreateTests
{
    private static readonly ApiKeyCreateRequest Named = new() { Name = "Production API Key" };

    [Fact]
    public async Task CreateAsync_EveryField_StoresRecordAndReturnsPlainKeyOnce()
    {
        await using var host = new ApiKeyTestHost();
        var request = new ApiKeyCreateRequest
        {
            Name = "Production API Key",
            ExpiresAt = ApiKeyTestHost.Start.AddMonths(10),
            Permissions = ["read", "write"],
            MetadataJson = """{"environment":"production"}""",
        };

        var result = await host.Service.CreateAsync(request, ApiKeyTestHost.SelfService("user-1"), CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Succeeded.Should().BeTrue();
        result.Errors.Should().BeEmpty();
        result.PlainKey.Should().StartWith("cc_live_").And.HaveLength(57);
        var key = result.Key!;
        key.Id.Should().BePositive();
        key.Uuid.Should().NotBeEmpty();
        key.Name.Should().Be("Production API Key");
        key.Prefix.Should().Be("cc_live_");
        key.OwnerId.Should().Be("user-1");
        key.ExpiresAt.Should().Be(ApiKeyTestHost.Start.AddMonths(10));
        key.IsActive.Should().BeTrue();
        key.Permissions.Should().Equal("read", "write");
        key.MetadataJson.Should().Be("""{"environment":"production"}""");
        key.CreatedAt.Should().Be(ApiKeyTestHost.Start);
        key.LastUsedAt.Should().BeNull();
        (await host.Store.FindByUuidAsync(key.Uuid, CancellationToken.None)).Should().Be(key);
    }

    [Fact]
    public async Task CreateAsync_Created_StoresOnlyTheHashOfTheKey()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.CreateAsync();

        var stored = await host.Store.FindByUuidAsync(result.Key!.Uuid, CancellationToken.None);
        using var hasher = new SecretHasher(new SecretHashingOptions());
        stored!.Hash.Should().Be(hasher.Hash(result.PlainKey));
        stored.PepperId.Should().BeNull();
        stored.ToString().Should().NotContain(result.PlainKey![8..]);
    }

    [Fact]
    public async Task CreateAsync_Created_ToStringRedactsThePlainKey()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.CreateAsync();

        result.ToString().Should().Contain("redacted").And.Contain(result.Key!.Uuid.ToString()).And.NotContain(result.PlainKey![8..]);
    }

    [Fact]
    public async Task CreateAsync_FixedRandom_KnownKeyAndHash()
    {
        var random = new FixedSecretRandom([.. Enumerable.Range(0, 43).Select(i => (byte)i)]);
        await using var host = new ApiKeyTestHost(random: random);

        var result = await host.CreateAsync();

        result.PlainKey.Should().Be("cc_live_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg22P5GN");
        var expectedHash = System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(result.PlainKey!));
        result.Key!.Hash.ToArray().Should().Equal(expectedHash);
    }

    [Fact]
    public async Task CreateAsync_WithPepper_RecordsThePepperThatHashedIt()
    {
        await using var host = new ApiKeyTestHost(o =>
        {
            o.Hashing.Peppers["p1"] = new byte[32];
            o.Hashing.CurrentPepperId = "p1";
        });

        var result = await host.CreateAsync();

        result.Key!.PepperId.Should().Be("p1");
        var plainSha256 = SecretHash.FromBytes(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(result.PlainKey!)));
        result.Key.Hash.Should().NotBe(plainSha256);
    }

    [Fact]
    public async Task CreateAsync_TestPrefixConfigured_IssuesTestKeys()
    {
        await using var host = new ApiKeyTestHost(o => o.ApiKeys.Prefix = "cc_test_");

        var result = await host.CreateAsync();

        result.PlainKey.Should().StartWith("cc_test_");
        result.Key!.Prefix.Should().Be("cc_test_");
    }

    [Fact]
    public async Task CreateAsync_CreatePermission_OwnerDefaultsToCreator()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Key!.OwnerId.Should().Be("admin");
    }

    [Fact]
    public async Task CreateAsync_CreatePermission_MayCreateForAnotherOwner()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { OwnerId = "user-9" }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Key!.OwnerId.Should().Be("user-9");
    }

    [Fact]
    public async Task CreateAsync_OwnPermissionNamingAnotherOwner_OwnerForcedToCreator()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { OwnerId = "user-9" }, ApiKeyTestHost.SelfService("user-1"), CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Key!.OwnerId.Should().Be("user-1");
    }

    [Theory]
    [InlineData("read")]
    [InlineData("API.KEYS.CREATE")]
    [InlineData("api.keys.create ")]
    [InlineData("api.keys")]
    public async Task CreateAsync_CreatorWithoutCreatePermission_Forbidden(string permission)
    {
        await using var host = new ApiKeyTestHost();
        var creator = ApiKeyActor.User("user-1", [permission]);

        var result = await host.Service.CreateAsync(Named, creator, CancellationToken.None);

        result.Failure.Should().Be(ApiKeyCreateFailure.Forbidden);
        result.Succeeded.Should().BeFalse();
        result.Key.Should().BeNull();
        result.PlainKey.Should().BeNull();
        (await host.ListAsync("user-1")).Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void User_WithoutUserId_Throws(string userId)
    {
        var act = () => ApiKeyActor.User(userId, [ApiKeyPermissions.Create]);

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(ApiKeyPermissions.CreateOwn, ApiKeyPermissions.Create, ApiKeyCreateFailure.Invalid)]
    [InlineData(ApiKeyPermissions.CreateOwn, ApiKeyPermissions.CreateOwn, null)]
    [InlineData(ApiKeyPermissions.CreateOwn, ApiKeyPermissions.Manage, ApiKeyCreateFailure.Invalid)]
    [InlineData(ApiKeyPermissions.CreateOwn, ApiKeyPermissions.ManageOwn, ApiKeyCreateFailure.Invalid)]
    [InlineData(ApiKeyPermissions.Create, ApiKeyPermissions.CreateOwn, null)]
    [InlineData(ApiKeyPermissions.Create, ApiKeyPermissions.Create, null)]
    [InlineData(ApiKeyPermissions.CreateOwn, "read", ApiKeyCreateFailure.Invalid)]
    public async Task CreateAsync_PermissionOnTheKey_OnlyWhenTheCreatorHoldsIt(string held, string granted, ApiKeyCreateFailure? expected)
    {
        await using var host = new ApiKeyTestHost();
        var creator = ApiKeyActor.User("user-1", [held]);

        var result = await host.Service.CreateAsync(Named with { Permissions = [granted] }, creator, CancellationToken.None);

        result.Failure.Should().Be(expected);
        if (expected == ApiKeyCreateFailure.Invalid)
        {
            result.Errors["permissions"].Should().ContainSingle().Which.Should().Contain(granted);
        }

        (await host.ListAsync("user-1")).Should().HaveCount(expected is null ? 1 : 0);
    }

    [Fact]
    public async Task CreateAsync_ForbiddenAndInvalid_ForbiddenWins()
    {
        await using var host = new ApiKeyTestHost();
        var creator = ApiKeyActor.User("user-1", []);

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest(), creator, CancellationToken.None);

        result.Failure.Should().Be(ApiKeyCreateFailure.Forbidden);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public async Task CreateAsync_MissingName_InvalidWithNameRequiredMessage(string? name)
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = name }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        result.Key.Should().BeNull();
        result.PlainKey.Should().BeNull();
        result.Errors.Should().ContainKey("name").WhoseValue.Should().Equal("The name field is required.");
        result.Errors.Should().HaveCount(1);
    }

    [Fact]
    public async Task CreateAsync_NameWithSurroundingSpace_StoredTrimmed()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "  ci key \n" }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Key!.Name.Should().Be("ci key");
    }

    [Fact]
    public async Task CreateAsync_Name255AfterTrimming_Created()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "  " + new string('n', 255) + "  " }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1_000_000)]
    public async Task CreateAsync_NameTooLong_Invalid(int length)
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = new string('n', length) }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["name"].Should().Equal("The name field must not be greater than 255 characters.");
    }

    [Theory]
    [InlineData("bell\a")]
    [InlineData("nul\0inside")]
    public async Task CreateAsync_NameWithControlCharacter_Invalid(string name)
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = name }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["name"].Should().Equal("The name field must not contain control characters or unpaired surrogates.");
    }

    // Built in the test: xunit would replace a lone surrogate in attribute data before the test sees it.
    [Theory]
    [InlineData(0xD800, "")]
    [InlineData(0xDBFF, "x")]
    [InlineData(0xDC00, "")]
    public async Task CreateAsync_NameWithUnpairedSurrogate_Invalid(int surrogate, string after)
    {
        await using var host = new ApiKeyTestHost();
        var name = "lone " + (char)surrogate + after;

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = name }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        result.Errors.Should().ContainKey("name");
    }

    [Fact]
    public async Task CreateAsync_NameWithEmojiAndScripts_Created()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "Üretim 🔑 ключ" }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Key!.Name.Should().Be("Üretim 🔑 ключ");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-86_400)]
    public async Task CreateAsync_ExpiryNotInTheFuture_Invalid(int seconds)
    {
        await using var host = new ApiKeyTestHost();
        var request = Named with { ExpiresAt = ApiKeyTestHost.Start.AddSeconds(seconds) };

        var result = await host.Service.CreateAsync(request, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["expires_at"].Should().Equal("The expires at field must be a date after now.");
    }

    [Fact]
    public async Task CreateAsync_IsActiveFalse_StoredInactive()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { IsActive = false }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Key!.IsActive.Should().BeFalse();
        (await host.VerifyAsync(result.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.Inactive);
    }

    [Fact]
    public async Task CreateAsync_DuplicatePermissions_StoredOnceInOrder()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { Permissions = ["write", "read", "write"] }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Key!.Permissions.Should().Equal("write", "read");
    }

    [Theory]
    [InlineData(null, "The permissions.1 field is required.")]
    [InlineData("", "The permissions.1 field is required.")]
    [InlineData(" ", "The permissions.1 field is required.")]
    [InlineData("tab\tinside", "The permissions.1 field must be at most 128 printable characters.")]
    public async Task CreateAsync_BadPermissionEntry_InvalidNamingItsIndex(string? permission, string message)
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { Permissions = ["read", permission] }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["permissions"].Should().Equal(message);
    }

    [Fact]
    public async Task CreateAsync_PermissionTooLong_Invalid()
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { Permissions = [new string('p', 129)] }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["permissions"].Should().Equal("The permissions.0 field must be at most 128 printable characters.");
    }

    [Fact]
    public async Task CreateAsync_TooManyPermissions_Invalid()
    {
        await using var host = new ApiKeyTestHost();
        var permissions = Enumerable.Range(0, 101).Select(i => (string?)$"p{i}").ToList();

        var result = await host.Service.CreateAsync(Named with { Permissions = permissions }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["permissions"].Should().Equal("The permissions field must not have more than 100 items.");
    }

    [Fact]
    public async Task CreateAsync_PermissionOutsideTheGrantableSet_Invalid()
    {
        await using var host = new ApiKeyTestHost(o => o.ApiKeys.AllowedPermissions = new HashSet<string>(StringComparer.Ordinal) { "read", "write" });

        var result = await host.Service.CreateAsync(Named with { Permissions = ["read", "admin", "Write"] }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["permissions"].Should().Equal("The selected permissions.1 is invalid.", "The selected permissions.2 is invalid.");
    }

    [Fact]
    public async Task CreateAsync_PermissionsWithinTheGrantableSet_Created()
    {
        await using var host = new ApiKeyTestHost(o => o.ApiKeys.AllowedPermissions = new HashSet<string>(StringComparer.Ordinal) { "read", "write" });

        var result = await host.Service.CreateAsync(Named with { Permissions = ["write"] }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Key!.Permissions.Should().Equal("write");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"environment":"production","nested":{"a":[1,2,{"b":null}]}}""")]
    [InlineData(" \n{ \"k\" : \"v\" }\n ")]
    [InlineData("""{"emoji":"🔑","quote":"\"","sql":"'; DROP TABLE x; --"}""")]
    public async Task CreateAsync_MetadataJsonObject_StoredVerbatim(string metadata)
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { MetadataJson = metadata }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Key!.MetadataJson.Should().Be(metadata);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    [InlineData("{'single':'quotes'}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"nul\":\"\0\"}")]
    public async Task CreateAsync_MetadataNotAJsonObject_Invalid(string metadata)
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { MetadataJson = metadata }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["metadata"].Should().Equal("The metadata field must be a JSON object.");
    }

    [Fact]
    public async Task CreateAsync_MetadataWithUnpairedSurrogate_Invalid()
    {
        await using var host = new ApiKeyTestHost();
        var metadata = "{\"broken\":\"" + '\uD800' + "\"}";

        var result = await host.Service.CreateAsync(Named with { MetadataJson = metadata }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["metadata"].Should().Equal("The metadata field must be a JSON object.");
    }

    [Fact]
    public async Task CreateAsync_MetadataDeeplyNested_InvalidWithoutThrowing()
    {
        await using var host = new ApiKeyTestHost();
        var metadata = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 1000)) + string.Concat(Enumerable.Repeat("]", 1000)) + "}";

        var result = await host.Service.CreateAsync(Named with { MetadataJson = metadata }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["metadata"].Should().Equal("The metadata field must be a JSON object.");
    }

    [Fact]
    public async Task CreateAsync_MetadataExactly16KiB_Created()
    {
        await using var host = new ApiKeyTestHost();
        var metadata = "{\"blob\":\"" + new string('x', (16 * 1024) - 11) + "\"}";

        var result = await host.Service.CreateAsync(Named with { MetadataJson = metadata }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(1, 'x')]
    [InlineData(-6000, 'ç')] // under 16 Ki characters, over 16 KiB of UTF-8
    [InlineData(4_000_000, 'x')]
    public async Task CreateAsync_MetadataOver16KiB_Invalid(int extra, char filler)
    {
        await using var host = new ApiKeyTestHost();
        var metadata = "{\"blob\":\"" + new string(filler, (16 * 1024) - 11 + extra) + "\"}";

        var result = await host.Service.CreateAsync(Named with { MetadataJson = metadata }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["metadata"].Should().Equal("The metadata field must not be greater than 16384 bytes.");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task CreateAsync_AdminNamesBlankOwner_InvalidOwner(string ownerId)
    {
        await using var host = new ApiKeyTestHost();

        var result = await host.Service.CreateAsync(Named with { OwnerId = ownerId }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors["user_id"].Should().Equal("The user id field is required.");
    }

    [Fact]
    public async Task CreateAsync_SeveralBrokenFields_EveryFieldReported()
    {
        await using var host = new ApiKeyTestHost();
        var request = new ApiKeyCreateRequest
        {
            Name = " ",
            ExpiresAt = ApiKeyTestHost.Start.AddDays(-1),
            Permissions = [""],
            MetadataJson = "[]",
        };

        var result = await host.Service.CreateAsync(request, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Errors.Keys.Should().BeEquivalentTo("name", "expires_at", "permissions", "metadata");
    }

    [Fact]
    public async Task CreateAsync_StoreFails_ThrowsAndNothingIsStored()
    {
        var store = new ProbeApiKeyStore { CreateFault = new InvalidOperationException("database is down") };
        await using var host = new ApiKeyTestHost(store: store);

        var act = async () => await host.Service.CreateAsync(Named, ApiKeyTestHost.Admin, CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("database is down");
        (await host.ListAsync("admin")).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAsync_NullArguments_ThrowArgumentNull()
    {
        await using var host = new ApiKeyTestHost();

        var noRequest = async () => await host.Service.CreateAsync(null!, ApiKeyTestHost.Admin, CancellationToken.None);
        var noCreator = async () => await host.Service.CreateAsync(Named, null!, CancellationToken.None);

        await noRequest.Should().ThrowAsync<ArgumentNullException>();
        await noCreator.Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task CreateAsync_ManyInParallel_EveryKeyDistinctAndVerifiable()
    {
        await using var host = new ApiKeyTestHost();

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
            await host.Service.CreateAsync(Named with { OwnerId = $"user-{i % 5}" }, ApiKeyTestHost.Admin, CancellationToken.None))));

        results.Select(r => r.PlainKey).Should().OnlyHaveUniqueItems();
        results.Select(r => r.Key!.Id).Should().OnlyHaveUniqueItems();
        foreach (var result in results)
        {
            (await host.VerifyAsync(result.PlainKey)).Key!.Uuid.Should().Be(result.Key!.Uuid);
        }
    }
}
