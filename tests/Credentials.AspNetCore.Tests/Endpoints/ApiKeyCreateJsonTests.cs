using System.Text.Json;
using Credentials.AspNetCore.Endpoints;

namespace Credentials.AspNetCore.Tests.Endpoints;

public sealed class ApiKeyCreateJsonTests
{
    [Fact]
    public void Read_BodyWithEveryField_ReadsEachValue()
    {
        var (input, errors) = Read("""
            {"name": "Production API Key", "expires_at": "2026-12-31T23:59:59.000000Z", "permissions": ["read", "write"],
             "metadata": {"environment": "production"}, "is_active": false, "user_id": 7}
            """);

        errors.Count.Should().Be(0);
        input.Should().NotBeNull();
        input!.Name.Should().Be("Production API Key");
        input.ExpiresAt.Should().Be(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        input.Permissions.Should().Equal("read", "write");
        JsonDocument.Parse(input.MetadataJson!).RootElement.GetProperty("environment").GetString().Should().Be("production");
        input.IsActive.Should().BeFalse();
        input.UserId.Should().Be("7");
    }

    [Fact]
    public void Read_EmptyObject_HasNoTypeErrorsAndDefaultsToActive()
    {
        var (input, errors) = Read("{}");

        errors.Count.Should().Be(0);
        input!.Name.Should().BeNull();
        input.IsActive.Should().BeTrue();
    }

    [Fact]
    public void Read_Nulls_AreTreatedAsAbsent()
    {
        var (input, errors) = Read("""{"name": null, "expires_at": null, "permissions": null, "metadata": null, "is_active": null, "user_id": null}""");

        errors.Count.Should().Be(0);
        input!.IsActive.Should().BeTrue();
        input.ExpiresAt.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"name": 1}""", "name")]
    [InlineData("""{"name": ["x"]}""", "name")]
    [InlineData("""{"expires_at": "next week"}""", "expires_at")]
    [InlineData("""{"expires_at": 20261231}""", "expires_at")]
    [InlineData("""{"permissions": {"read": true}}""", "permissions")]
    [InlineData("""{"permissions": [null]}""", "permissions.0")]
    [InlineData("""{"metadata": [1]}""", "metadata")]
    [InlineData("""{"is_active": 1}""", "is_active")]
    [InlineData("""{"user_id": ""}""", "user_id")]
    [InlineData("""{"user_id": 1.5}""", "user_id")]
    [InlineData("""{"user_id": 99999999999999999999}""", "user_id")]
    [InlineData("[]", "body")]
    [InlineData("null", "body")]
    [InlineData("42", "body")]
    public void Read_WrongType_NamesTheField(string json, string field)
    {
        var (input, errors) = Read(json);

        input.Should().BeNull();
        errors.ToDictionary().Should().ContainKey(field);
    }

    [Fact]
    public void Read_SeveralWrongFields_ReportsEach()
    {
        var (_, errors) = Read("""{"name": 1, "is_active": "no", "permissions": ["a", 2, 3]}""");

        errors.ToDictionary().Keys.Should().BeEquivalentTo("name", "is_active", "permissions.1", "permissions.2");
    }

    private static (ApiKeyCreateInput? Input, FieldErrors Errors) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new FieldErrors();
        return (ApiKeyCreateJson.Read(document.RootElement, errors), errors);
    }
}
