using Credentials.ApiKeys;

namespace Credentials.Core.Tests.ApiKeys;

/// <summary>
/// What a holder of one credential can do with it: keys manage keys only through a manage permission and never one
/// that grants more than themselves; web tokens and grace secrets never manage; a key never grants more than its owner.
/// </summary>
public class ApiKeyGrantTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static TheoryData<string> ManagementActions => ["list", "find", "deactivate", "activate", "roll", "delete"];

    [Theory]
    [MemberData(nameof(ManagementActions))]
    public async Task ManagementAction_KeyWithoutManagePermission_ForbiddenAndSiblingUnchanged(string action)
    {
        await using var host = new ApiKeyTestHost();
        var (_, reader) = await host.CreateKeyActorAsync("user-1", "read");
        var sibling = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "sibling", Permissions = ["read"] });

        var failure = await RunAsync(host, action, sibling.Key!.Uuid, reader);

        failure.Should().Be(ApiKeyManagementFailure.Forbidden);
        await SiblingUnchangedAsync(host, sibling);
    }

    public static TheoryData<string> Meterings => ["credits", "rate limit"];

    [Theory]
    [MemberData(nameof(Meterings))]
    public async Task CreateAsync_MeteredKeyWithCreatePermission_ForbiddenSoItMintsNoUnlimitedKey(string metering)
    {
        await using var host = new ApiKeyTestHost();
        var metered = await MeteredActorAsync(host, metering, ApiKeyPermissions.CreateOwn);

        var created = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "unlimited child", Permissions = ["read"] }, metered, CancellationToken.None);

        created.Failure.Should().Be(ApiKeyCreateFailure.Forbidden);
        (await host.ListAsync("user-1")).Should().ContainSingle("only the metered key itself exists");
    }

    [Theory]
    [MemberData(nameof(Meterings))]
    public async Task RollAsync_MeteredKeyWithManagePermission_ForbiddenSoItTakesNoUnlimitedSecret(string metering)
    {
        await using var host = new ApiKeyTestHost();
        var metered = await MeteredActorAsync(host, metering, ApiKeyPermissions.ManageOwn);
        var sibling = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "unlimited sibling", Permissions = ["read"] });

        var failure = await RunAsync(host, "roll", sibling.Key!.Uuid, metered);

        failure.Should().Be(ApiKeyManagementFailure.Forbidden);
        await SiblingUnchangedAsync(host, sibling);
    }

    [Theory]
    [MemberData(nameof(ManagementActions))]
    public async Task ManagementAction_WebTokenOfAKeyThatMayManage_Forbidden(string action)
    {
        await using var host = new ApiKeyTestHost();
        var (key, _) = await host.CreateKeyActorAsync("user-1", "read", ApiKeyPermissions.ManageOwn);
        var token = await host.Service.IssueWebTokenAsync(ApiKeyActor.ApiKey(await host.VerifyAsync(key.PlainKey)), CancellationToken.None);
        var byToken = ApiKeyActor.ApiKey(await host.Service.VerifyWebTokenAsync(token.Token!.Token, CancellationToken.None));
        var sibling = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "sibling", Permissions = ["read"] });

        var failure = await RunAsync(host, action, sibling.Key!.Uuid, byToken);

        byToken.Kind.Should().Be(ApiKeyActorKind.WebToken);
        failure.Should().Be(ApiKeyManagementFailure.Forbidden);
        await SiblingUnchangedAsync(host, sibling);
    }

    [Theory]
    [MemberData(nameof(ManagementActions))]
    public async Task ManagementAction_GraceSecretOfAKeyThatMayManage_Forbidden(string action)
    {
        await using var host = new ApiKeyTestHost();
        var (key, _) = await host.CreateKeyActorAsync("user-1", "read", ApiKeyPermissions.ManageOwn);
        await host.Service.RollAsync(key.Key!.Uuid, Hour, ApiKeyTestHost.Owner(), CancellationToken.None);
        var grace = await host.VerifyAsync(key.PlainKey);
        var sibling = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "sibling", Permissions = ["read"] });

        var failure = await RunAsync(host, action, sibling.Key!.Uuid, ApiKeyActor.ApiKey(grace));

        grace.Presentation.Should().Be(ApiKeyPresentation.GraceSecret);
        failure.Should().Be(ApiKeyManagementFailure.Forbidden);
        await SiblingUnchangedAsync(host, sibling);
    }

    [Theory]
    [MemberData(nameof(ManagementActions))]
    public async Task ManagementAction_ManageOwnKeyOnAnEqualSibling_Succeeds(string action)
    {
        await using var host = new ApiKeyTestHost();
        var (_, manager) = await host.CreateKeyActorAsync("user-1", "read", "write", ApiKeyPermissions.ManageOwn);
        var sibling = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "sibling", Permissions = ["read"] });

        var failure = await RunAsync(host, action, sibling.Key!.Uuid, manager);

        failure.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(ManagementActions))]
    public async Task ManagementAction_ManageOwnKeyOnASiblingThatGrantsMore_NotFoundAndUnchanged(string action)
    {
        await using var host = new ApiKeyTestHost();
        var (_, manager) = await host.CreateKeyActorAsync("user-1", "read", ApiKeyPermissions.ManageOwn);
        var stronger = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "stronger", Permissions = ["read", "write"] });

        var failure = await RunAsync(host, action, stronger.Key!.Uuid, manager);

        // Listing succeeds but leaves the stronger key out; every action on it finds nothing.
        failure.Should().Be(action == "list" ? null : ApiKeyManagementFailure.NotFound);
        (await host.Service.ListAsync(manager, CancellationToken.None)).Keys!.Select(k => k.Uuid).Should().NotContain(stronger.Key.Uuid);
        await SiblingUnchangedAsync(host, stronger);
    }

    [Theory]
    [InlineData("deactivate")]
    [InlineData("roll")]
    [InlineData("delete")]
    public async Task ManagementAction_ManageOwnKeyOnAnotherOwnersKey_NotFound(string action)
    {
        await using var host = new ApiKeyTestHost();
        var (_, manager) = await host.CreateKeyActorAsync("user-1", "read", "write", ApiKeyPermissions.ManageOwn);
        var foreign = await host.CreateAsync("user-2", new ApiKeyCreateRequest { Name = "foreign", Permissions = ["read"] });

        (await RunAsync(host, action, foreign.Key!.Uuid, manager)).Should().Be(ApiKeyManagementFailure.NotFound);
        await SiblingUnchangedAsync(host, foreign);
    }

    [Fact]
    public async Task RollAsync_ManageKeyOnAnotherOwnersWeakerKey_Rolled()
    {
        await using var host = new ApiKeyTestHost();
        var (_, manager) = await host.CreateKeyActorAsync("ops", "read", "write", ApiKeyPermissions.Manage);
        var foreign = await host.CreateAsync("user-2", new ApiKeyCreateRequest { Name = "foreign", Permissions = ["read"] });

        var rolled = await host.Service.RollAsync(foreign.Key!.Uuid, TimeSpan.Zero, manager, CancellationToken.None);

        rolled.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task RollAsync_UserWithCreateOnAnotherOwnersKeyThatGrantsMore_NotFound()
    {
        await using var host = new ApiKeyTestHost();
        host.Owners.Set("user-2", "read", "reports.admin");
        var stronger = await host.CreateAsync("user-2", new ApiKeyCreateRequest { Name = "reports", Permissions = ["reports.admin"] });
        var admin = ApiKeyActor.User("admin", [ApiKeyPermissions.Create, "read"]);

        var rolled = await host.Service.RollAsync(stronger.Key!.Uuid, TimeSpan.Zero, admin, CancellationToken.None);

        rolled.Failure.Should().Be(ApiKeyRollFailure.NotFound);
        (await host.VerifyAsync(stronger.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task RollAsync_UserWithoutAnyPermissionOnAnotherOwnersKey_NotFound()
    {
        await using var host = new ApiKeyTestHost();
        var foreign = await host.CreateAsync("user-2");

        var rolled = await host.Service.RollAsync(foreign.Key!.Uuid, TimeSpan.Zero, ApiKeyTestHost.Owner("user-1"), CancellationToken.None);

        rolled.Failure.Should().Be(ApiKeyRollFailure.NotFound);
    }

    [Fact]
    public async Task RollAsync_KeyRollsItself_OldSecretIsAGraceSecretThatCannotRollAgain()
    {
        await using var host = new ApiKeyTestHost();
        var (key, self) = await host.CreateKeyActorAsync("user-1", "read", ApiKeyPermissions.ManageOwn);

        var rolled = await host.Service.RollAsync(key.Key!.Uuid, Hour, self, CancellationToken.None);
        var grace = ApiKeyActor.ApiKey(await host.VerifyAsync(key.PlainKey));
        var again = await host.Service.RollAsync(key.Key.Uuid, Hour, grace, CancellationToken.None);

        rolled.Succeeded.Should().BeTrue();
        again.Failure.Should().Be(ApiKeyRollFailure.Forbidden);
        (await host.VerifyAsync(rolled.PlainKey)).Presentation.Should().Be(ApiKeyPresentation.CurrentSecret);
    }

    [Theory]
    [InlineData("roll")]
    [InlineData("deactivate")]
    [InlineData("delete")]
    public async Task WebToken_KeyRolledDeactivatedOrDeleted_EndsAtOnce(string action)
    {
        await using var host = new ApiKeyTestHost();
        var (key, actor) = await host.CreateKeyActorAsync("user-1", "read");
        var token = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);
        (await host.Service.VerifyWebTokenAsync(token.Token!.Token, CancellationToken.None)).Succeeded.Should().BeTrue();

        await RunAsync(host, action, key.Key!.Uuid, ApiKeyTestHost.Owner());

        (await host.Service.VerifyWebTokenAsync(token.Token.Token, CancellationToken.None)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        (await host.WebTokens.ValidateAsync(token.Token.Token, CancellationToken.None)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task WebToken_KeyDeactivatedThenReactivated_OldTokenStaysEnded()
    {
        await using var host = new ApiKeyTestHost();
        var (key, actor) = await host.CreateKeyActorAsync("user-1", "read");
        var token = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);

        await host.Service.DeactivateAsync(key.Key!.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None);
        await host.Service.ReactivateAsync(key.Key.Uuid, ApiKeyTestHost.Owner(), CancellationToken.None);

        (await host.Service.VerifyWebTokenAsync(token.Token!.Token, CancellationToken.None)).Succeeded.Should().BeFalse();
        (await host.VerifyAsync(key.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task IssueWebTokenAsync_KeyRolledAfterItWasVerified_KeyChangedAndNoTokenWorks()
    {
        await using var host = new ApiKeyTestHost();
        var (key, actor) = await host.CreateKeyActorAsync("user-1", "read");

        // The roll commits between the verification that made the actor and the issue.
        await host.Service.RollAsync(key.Key!.Uuid, Hour, ApiKeyTestHost.Owner(), CancellationToken.None);
        var issued = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);

        issued.Failure.Should().Be(ApiKeyWebTokenFailure.KeyChanged);
        (await host.WebTokens.RevokeAsync(ApiKeyServiceSubject(key.Key.Uuid), CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task IssueWebTokenAsync_GraceSecretOrUserOrWebToken_Forbidden()
    {
        await using var host = new ApiKeyTestHost();
        var (key, actor) = await host.CreateKeyActorAsync("user-1", "read");
        var token = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);
        var byToken = ApiKeyActor.ApiKey(await host.Service.VerifyWebTokenAsync(token.Token!.Token, CancellationToken.None));
        await host.Service.RollAsync(key.Key!.Uuid, Hour, ApiKeyTestHost.Owner(), CancellationToken.None);
        var grace = ApiKeyActor.ApiKey(await host.VerifyAsync(key.PlainKey));

        (await host.Service.IssueWebTokenAsync(grace, CancellationToken.None)).Failure.Should().Be(ApiKeyWebTokenFailure.Forbidden);
        (await host.Service.IssueWebTokenAsync(byToken, CancellationToken.None)).Failure.Should().Be(ApiKeyWebTokenFailure.Forbidden);
        (await host.Service.IssueWebTokenAsync(ApiKeyTestHost.Owner(), CancellationToken.None)).Failure.Should().Be(ApiKeyWebTokenFailure.Forbidden);
    }

    [Fact]
    public async Task VerifyWebTokenAsync_SubjectIsNotAKey_Unknown()
    {
        await using var host = new ApiKeyTestHost();
        var issued = await host.WebTokens.IssueAsync("some-user", CancellationToken.None);
        var uppercase = await host.WebTokens.IssueAsync(Guid.NewGuid().ToString("D").ToUpperInvariant(), CancellationToken.None);

        (await host.Service.VerifyWebTokenAsync(issued.Token, CancellationToken.None)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        (await host.Service.VerifyWebTokenAsync(uppercase.Token, CancellationToken.None)).Failure.Should().Be(ApiKeyVerificationFailure.Unknown);
        (await host.Service.VerifyWebTokenAsync("not a token", CancellationToken.None)).Failure.Should().Be(ApiKeyVerificationFailure.Malformed);
    }

    [Theory]
    [InlineData("web token")]
    [InlineData("grace secret")]
    public async Task CreateAsync_WebTokenOrGraceSecretOfAKeyThatMayCreate_Forbidden(string presentation)
    {
        await using var host = new ApiKeyTestHost();
        var (key, actor) = await host.CreateKeyActorAsync("user-1", "read", ApiKeyPermissions.CreateOwn);
        ApiKeyActor presented;
        if (presentation == "web token")
        {
            var token = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);
            presented = ApiKeyActor.ApiKey(await host.Service.VerifyWebTokenAsync(token.Token!.Token, CancellationToken.None));
        }
        else
        {
            await host.Service.RollAsync(key.Key!.Uuid, Hour, ApiKeyTestHost.Owner(), CancellationToken.None);
            presented = ApiKeyActor.ApiKey(await host.VerifyAsync(key.PlainKey));
        }

        var created = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "child" }, presented, CancellationToken.None);

        created.Failure.Should().Be(ApiKeyCreateFailure.Forbidden);
        (await host.ListAsync("user-1")).Should().ContainSingle();
    }

    [Fact]
    public async Task CreateAsync_KeyThatMayCreate_ChildWithinItsGrantOnly()
    {
        await using var host = new ApiKeyTestHost();
        var (_, creator) = await host.CreateKeyActorAsync("user-1", "read", ApiKeyPermissions.CreateOwn);

        var within = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "child", Permissions = ["read"] }, creator, CancellationToken.None);
        var beyond = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "child", Permissions = ["write"] }, creator, CancellationToken.None);

        within.Succeeded.Should().BeTrue();
        beyond.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        beyond.Errors.Should().ContainKey("permissions");
    }

    [Fact]
    public async Task CreateAsync_PermissionTheOwnerLacks_InvalidWithAFieldErrorAndNothingStored()
    {
        await using var host = new ApiKeyTestHost();
        host.Owners.Set("user-1", ApiKeyPermissions.CreateOwn, "read");
        var owner = ApiKeyActor.User("user-1", [ApiKeyPermissions.CreateOwn, "read", "reports.admin"]);

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "k", Permissions = ["read", "reports.admin"] }, owner, CancellationToken.None);

        result.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        result.Errors["permissions"].Should().ContainSingle().Which.Should().Contain("reports.admin").And.NotContain("read,");
        (await host.ListAsync("user-1")).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAsync_AdminForAnOwnerWhoLacksThePermission_Invalid()
    {
        await using var host = new ApiKeyTestHost();
        host.Owners.Set("bob", "read");
        var admin = ApiKeyActor.User("admin", [ApiKeyPermissions.Create, "read", "reports.admin"]);

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "k", OwnerId = "bob", Permissions = ["reports.admin"] }, admin, CancellationToken.None);

        result.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        result.Errors.Should().ContainKey("permissions");
    }

    [Fact]
    public async Task CreateAsync_OwnerUnknownToTheDirectory_InvalidUserId()
    {
        await using var host = new ApiKeyTestHost();
        host.Owners.Remove("ghost");

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "k", OwnerId = "ghost" }, ApiKeyTestHost.Admin, CancellationToken.None);

        result.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        result.Errors["user_id"].Should().Equal("The selected user id is invalid.");
    }

    [Fact]
    public async Task VerifyAsync_OwnerLosesAPermission_KeyStopsGrantingItAtOnceAndRegainsIt()
    {
        await using var host = new ApiKeyTestHost();
        host.Owners.Set("user-1", "read", "reports.admin");
        var created = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "k", Permissions = ["read", "reports.admin"] });

        host.Owners.Set("user-1", "read");
        var afterLoss = await host.VerifyAsync(created.PlainKey);
        host.Owners.Set("user-1", "read", "reports.admin");
        var afterRegain = await host.VerifyAsync(created.PlainKey);

        afterLoss.Succeeded.Should().BeTrue();
        afterLoss.Permissions.Should().Equal("read");
        afterLoss.Key!.Permissions.Should().Equal("read", "reports.admin");
        afterRegain.Permissions.Should().Equal("read", "reports.admin");
    }

    [Fact]
    public async Task VerifyAsync_OwnerRemoved_OwnerUnavailableForKeyAndWebToken()
    {
        await using var host = new ApiKeyTestHost();
        var (key, actor) = await host.CreateKeyActorAsync("user-1", "read");
        var token = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);

        host.Owners.Remove("user-1");

        (await host.VerifyAsync(key.PlainKey)).Failure.Should().Be(ApiKeyVerificationFailure.OwnerUnavailable);
        (await host.Service.VerifyWebTokenAsync(token.Token!.Token, CancellationToken.None)).Failure.Should().Be(ApiKeyVerificationFailure.OwnerUnavailable);
    }

    [Fact]
    public async Task VerifyWebTokenAsync_OwnerLosesAPermission_TokenGrantShrinksToo()
    {
        await using var host = new ApiKeyTestHost();
        var (_, actor) = await host.CreateKeyActorAsync("user-1", "read", "write");
        var token = await host.Service.IssueWebTokenAsync(actor, CancellationToken.None);

        host.Owners.Set("user-1", "write");
        var verified = await host.Service.VerifyWebTokenAsync(token.Token!.Token, CancellationToken.None);

        verified.Presentation.Should().Be(ApiKeyPresentation.WebToken);
        verified.Permissions.Should().Equal("write");
    }

    [Fact]
    public async Task KeyPermissionsCeiling_KeyScopesBeyondTheOwner_AllowedButManagementPermissionsStillBounded()
    {
        await using var host = new ApiKeyTestHost(o => o.ApiKeys.PermissionCeiling = ApiKeyPermissionCeiling.KeyPermissions);
        host.Owners.Remove("user-1");
        var owner = ApiKeyActor.User("user-1", [ApiKeyPermissions.CreateOwn]);

        var scoped = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "k", Permissions = ["reports.read"] }, owner, CancellationToken.None);
        var managing = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "k", Permissions = [ApiKeyPermissions.ManageOwn] }, owner, CancellationToken.None);

        scoped.Succeeded.Should().BeTrue();
        (await host.VerifyAsync(scoped.PlainKey)).Permissions.Should().Equal("reports.read");
        managing.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        host.Owners.Lookups.Should().Be(0);
    }

    [Fact]
    public async Task RollAsync_DeactivatedBetweenTheReadAndTheRoll_InactiveAndNothingChanged()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync();
        store.BeforeRoll = async () => await store.SetActiveAsync(created.Key!.Uuid, false, CancellationToken.None);

        var rolled = await host.Service.RollAsync(created.Key!.Uuid, Hour, ApiKeyTestHost.Owner(), CancellationToken.None);

        rolled.Failure.Should().Be(ApiKeyRollFailure.Inactive);
        rolled.PlainKey.Should().BeNull();
        (await store.FindByUuidAsync(created.Key.Uuid, CancellationToken.None))!.Hash.Should().Be(created.Key.Hash);
    }

    [Fact]
    public async Task RollAsync_RolledByAnotherCallBetweenTheReadAndTheRoll_ConflictAndTheOtherRollStands()
    {
        var store = new ProbeApiKeyStore();
        await using var host = new ApiKeyTestHost(store: store);
        var created = await host.CreateAsync();
        ApiKeyRollResult? other = null;
        store.BeforeRoll = async () => other = await host.Service.RollAsync(created.Key!.Uuid, TimeSpan.Zero, ApiKeyTestHost.Owner(), CancellationToken.None);

        var rolled = await host.Service.RollAsync(created.Key!.Uuid, Hour, ApiKeyTestHost.Owner(), CancellationToken.None);

        rolled.Failure.Should().Be(ApiKeyRollFailure.Conflict);
        (await host.VerifyAsync(other!.PlainKey)).Succeeded.Should().BeTrue();
        (await host.VerifyAsync(created.PlainKey)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task CreateAsync_UserWhoseLoginStillClaimsARevokedCreatePermission_Forbidden()
    {
        await using var host = new ApiKeyTestHost();
        host.Owners.Set("user-1", "read");
        var staleLogin = ApiKeyActor.User("user-1", [ApiKeyPermissions.CreateOwn, "read"]);

        var result = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "k" }, staleLogin, CancellationToken.None);

        result.Failure.Should().Be(ApiKeyCreateFailure.Forbidden);
    }

    [Fact]
    public async Task Manage_UserWhoseLoginStillClaimsARevokedManagePermission_OtherOwnersKeysOutOfReach()
    {
        await using var host = new ApiKeyTestHost();
        var foreign = await host.CreateAsync("user-2", new ApiKeyCreateRequest { Name = "foreign", Permissions = ["read"] });
        host.Owners.Set("ops", "read");
        var staleLogin = ApiKeyActor.User("ops", [ApiKeyPermissions.Manage, "read"]);

        var rolled = await host.Service.RollAsync(foreign.Key!.Uuid, TimeSpan.Zero, staleLogin, CancellationToken.None);

        rolled.Failure.Should().Be(ApiKeyRollFailure.NotFound);
        (await host.VerifyAsync(foreign.PlainKey)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Manage_UserNoLongerInTheDirectory_ForbiddenEvenForItsOwnKeys()
    {
        await using var host = new ApiKeyTestHost();
        var own = await host.CreateAsync("user-1");
        host.Owners.Remove("user-1");

        (await host.Service.ListAsync(ApiKeyTestHost.Owner("user-1"), CancellationToken.None)).Failure.Should().Be(ApiKeyManagementFailure.Forbidden);
        (await host.Service.DeleteAsync(own.Key!.Uuid, ApiKeyTestHost.Owner("user-1"), CancellationToken.None)).Failure.Should().Be(ApiKeyManagementFailure.Forbidden);
        (await host.Store.FindByUuidAsync(own.Key.Uuid, CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task CreateAsync_ByAnExpiringKey_ChildInheritsItsExpiryAndMayNotOutliveIt()
    {
        await using var host = new ApiKeyTestHost();
        var parentExpiry = ApiKeyTestHost.Start.AddDays(1);
        var parent = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "parent", ExpiresAt = parentExpiry, Permissions = ["read", ApiKeyPermissions.CreateOwn] });
        var creator = ApiKeyActor.ApiKey(await host.VerifyAsync(parent.PlainKey));

        var inherited = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "child" }, creator, CancellationToken.None);
        var sooner = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "child", ExpiresAt = parentExpiry.AddHours(-1) }, creator, CancellationToken.None);
        var later = await host.Service.CreateAsync(new ApiKeyCreateRequest { Name = "child", ExpiresAt = parentExpiry.AddSeconds(1) }, creator, CancellationToken.None);

        inherited.Key!.ExpiresAt.Should().Be(parentExpiry);
        sooner.Key!.ExpiresAt.Should().Be(parentExpiry.AddHours(-1));
        later.Failure.Should().Be(ApiKeyCreateFailure.Invalid);
        later.Errors["expires_at"].Should().ContainSingle();
    }

    [Fact]
    public async Task RollAsync_ByAnExpiringKeyOnALongerLivedSibling_NotFound()
    {
        await using var host = new ApiKeyTestHost();
        var manager = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "m", ExpiresAt = ApiKeyTestHost.Start.AddDays(1), Permissions = ["read", ApiKeyPermissions.ManageOwn] });
        var actor = ApiKeyActor.ApiKey(await host.VerifyAsync(manager.PlainKey));
        var endless = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "endless", Permissions = ["read"] });
        var shorter = await host.CreateAsync("user-1", new ApiKeyCreateRequest { Name = "shorter", ExpiresAt = ApiKeyTestHost.Start.AddHours(1), Permissions = ["read"] });

        var onEndless = await host.Service.RollAsync(endless.Key!.Uuid, TimeSpan.Zero, actor, CancellationToken.None);
        var onShorter = await host.Service.RollAsync(shorter.Key!.Uuid, TimeSpan.Zero, actor, CancellationToken.None);

        onEndless.Failure.Should().Be(ApiKeyRollFailure.NotFound);
        onShorter.Succeeded.Should().BeTrue();
        (await host.Service.ListAsync(actor, CancellationToken.None)).Keys!.Select(k => k.Name).Should().NotContain("endless");
    }

    [Fact]
    public void Covers_ImpliedOwnTwins_OnlyDownwards()
    {
        ApiKeyPermissions.Covers([ApiKeyPermissions.Manage], ApiKeyPermissions.ManageOwn).Should().BeTrue();
        ApiKeyPermissions.Covers([ApiKeyPermissions.Create], ApiKeyPermissions.CreateOwn).Should().BeTrue();
        ApiKeyPermissions.Covers([ApiKeyPermissions.ManageOwn], ApiKeyPermissions.Manage).Should().BeFalse();
        ApiKeyPermissions.Covers([ApiKeyPermissions.CreateOwn], ApiKeyPermissions.Create).Should().BeFalse();
        ApiKeyPermissions.Covers([ApiKeyPermissions.Create], ApiKeyPermissions.ManageOwn).Should().BeFalse();
        ApiKeyPermissions.Covers(["READ"], "read").Should().BeFalse();
    }

    [Fact]
    public async Task ApiKey_RefusedVerification_Throws()
    {
        await using var host = new ApiKeyTestHost();
        var refused = await host.VerifyAsync("cc_live_not-a-key");

        var act = () => ApiKeyActor.ApiKey(refused);

        act.Should().Throw<ArgumentException>();
    }

    private static string ApiKeyServiceSubject(Guid uuid) => uuid.ToString("D");

    private static async Task<ApiKeyManagementFailure?> RunAsync(ApiKeyTestHost host, string action, Guid uuid, ApiKeyActor actor)
    {
        var service = host.Service;
        var ct = CancellationToken.None;
        switch (action)
        {
            case "list":
                return (await service.ListAsync(actor, ct)).Failure;
            case "find":
                return (await service.FindAsync(uuid, actor, ct)).Failure;
            case "deactivate":
                return (await service.DeactivateAsync(uuid, actor, ct)).Failure;
            case "activate":
                return (await service.ReactivateAsync(uuid, actor, ct)).Failure;
            case "delete":
                return (await service.DeleteAsync(uuid, actor, ct)).Failure;
            default:
                var rolled = await service.RollAsync(uuid, Hour, actor, ct);
                return rolled.Failure switch
                {
                    null => null,
                    ApiKeyRollFailure.Forbidden => ApiKeyManagementFailure.Forbidden,
                    ApiKeyRollFailure.NotFound => ApiKeyManagementFailure.NotFound,
                    _ => throw new InvalidOperationException($"Unexpected roll failure {rolled.Failure}."),
                };
        }
    }

    /// <summary>A key of user-1's with the permissions and either credits or a rate limit, acting by its current secret.</summary>
    private static async Task<ApiKeyActor> MeteredActorAsync(ApiKeyTestHost host, string metering, string permission)
    {
        var request = new ApiKeyCreateRequest { Name = "metered", Permissions = ["read", permission] };
        request = metering == "credits"
            ? request with { Credits = new ApiKeyCredits { Remaining = 100 } }
            : request with { RateLimits = [new ApiKeyRateLimit { Limit = 100, Window = TimeSpan.FromMinutes(1) }] };
        var created = await host.CreateAsync("user-1", request);
        created.Succeeded.Should().BeTrue();
        var verified = await host.VerifyAsync(created.PlainKey);
        verified.Succeeded.Should().BeTrue();
        return ApiKeyActor.ApiKey(verified);
    }

    private static async Task SiblingUnchangedAsync(ApiKeyTestHost host, ApiKeyCreateResult sibling)
    {
        var stored = await host.Store.FindByUuidAsync(sibling.Key!.Uuid, CancellationToken.None);
        stored.Should().NotBeNull();
        stored!.Hash.Should().Be(sibling.Key.Hash);
        stored.IsActive.Should().Be(sibling.Key.IsActive);
        (await host.VerifyAsync(sibling.PlainKey)).Presentation.Should().Be(ApiKeyPresentation.CurrentSecret);
    }
}
