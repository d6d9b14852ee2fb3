using Microsoft.AspNetCore.Http;
using Platform.Modules.Identity.Bots;
using Platform.Modules.Identity.Departments;
using Platform.Modules.Identity.Profile;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// Pure rules of the People slice, no host or database. (They live here because
/// Platform.UnitTests does not reference the Identity module.)
/// </summary>
public sealed class IdentityRulesTests
{
    [Theory]
    [InlineData("Europe/Berlin", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("UTC", true)]
    [InlineData("W. Europe Standard Time", false)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    public void Time_zones_must_be_known_IANA_ids(string value, bool valid) =>
        Assert.Equal(valid, ProfileValidation.IsTimeZone(value));

    [Theory]
    [InlineData("en", true)]
    [InlineData("en-GB", true)]
    [InlineData("ru-RU", true)]
    [InlineData("zh-Hans-CN", true)]
    [InlineData("xx-notalocale-really", false)]
    [InlineData("en_GB", false)]
    [InlineData("12", false)]
    public void Locales_must_be_known_cultures(string value, bool valid) =>
        Assert.Equal(valid, ProfileValidation.IsLocale(value));

    [Theory]
    [InlineData(null, "old", "old")]
    [InlineData("", "old", null)]
    [InlineData("   ", "old", null)]
    [InlineData(" new ", "old", "new")]
    public void Missing_keeps_empty_clears_and_values_are_trimmed(string? requested, string? current, string? expected) =>
        Assert.Equal(expected, ProfileValidation.Apply(current, requested));

    [Fact]
    public void A_department_cannot_move_under_itself_or_its_descendants()
    {
        Guid root = Guid.NewGuid(), child = Guid.NewGuid(), grandchild = Guid.NewGuid(), other = Guid.NewGuid();
        var parents = new Dictionary<Guid, Guid?> { [root] = null, [child] = root, [grandchild] = child, [other] = null };

        Assert.True(DepartmentTree.WouldCreateCycle(parents, root, root));
        Assert.True(DepartmentTree.WouldCreateCycle(parents, root, grandchild));
        Assert.True(DepartmentTree.WouldCreateCycle(parents, child, grandchild));
        Assert.False(DepartmentTree.WouldCreateCycle(parents, grandchild, root));
        Assert.False(DepartmentTree.WouldCreateCycle(parents, root, other));
        // A corrupted (already cyclic) tree does not hang the walk.
        var corrupted = new Dictionary<Guid, Guid?> { [child] = grandchild, [grandchild] = child };
        Assert.True(DepartmentTree.WouldCreateCycle(corrupted, root, child));
    }

    [Fact]
    public void Api_keys_are_prefixed_random_and_only_their_hash_identifies_them()
    {
        var first = ApiKeys.Generate();
        var second = ApiKeys.Generate();
        Assert.StartsWith(ApiKeys.Prefix, first, StringComparison.Ordinal);
        Assert.Equal(47, first.Length);
        Assert.NotEqual(first, second);
        Assert.Equal(32, ApiKeys.Hash(first).Length);
        Assert.Equal(ApiKeys.Hash(first), ApiKeys.Hash(first));
        Assert.NotEqual(ApiKeys.Hash(first), ApiKeys.Hash(second));
    }

    [Theory]
    [InlineData("Bearer plt_abc", true, "plt_abc")]
    [InlineData("bearer   plt_abc ", true, "plt_abc")]
    [InlineData("Bearer CfDJ8token", false, "")]
    [InlineData("Basic plt_abc", false, "")]
    [InlineData("", false, "")]
    public void Only_bearer_plt_headers_are_read_as_api_keys(string header, bool present, string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = header;
        Assert.Equal(present, ApiKeys.TryRead(context.Request, out var read));
        Assert.Equal(key, read);
    }
}
