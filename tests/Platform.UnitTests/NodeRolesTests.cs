using Platform.BuildingBlocks.Modularity;

namespace Platform.UnitTests;

public sealed class NodeRolesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("all")]
    [InlineData(" ALL ")]
    public void All_or_nothing_means_every_role_but_the_gateway(string? value)
    {
        var roles = NodeRoles.Parse(value);
        Assert.Equal(["files", "mail", "scheduler", "web", "workers"], roles.Roles.Order());
        Assert.False(roles.Has(PlatformRoles.Gateway));
    }

    [Fact]
    public void A_list_selects_exactly_those_roles_in_any_separator_and_case()
    {
        var roles = NodeRoles.Parse("Web, files;gateway");
        Assert.Equal(["files", "gateway", "web"], roles.Roles.Order());
        Assert.Equal("web,files,gateway", roles.ToString());
    }

    [Fact]
    public void An_unknown_role_is_refused_with_the_list_of_known_ones()
    {
        var error = Assert.Throws<UnknownRoleException>(() => NodeRoles.Parse("web,wbe,fles"));
        Assert.Equal(["wbe", "fles"], error.UnknownRoles);
        Assert.Contains("Known roles: web, files, workers, mail, scheduler, gateway", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_loads_only_on_a_node_with_one_of_its_roles_and_only_once()
    {
        var catalog = new ModuleCatalog(NodeRoles.Parse("files"));
        Assert.False(catalog.TryLoad("tasks", PlatformRoles.Web));
        Assert.True(catalog.TryLoad("identity", PlatformRoles.Web, PlatformRoles.Files));
        Assert.True(catalog.TryLoad("identity", PlatformRoles.Web, PlatformRoles.Files));
        Assert.Equal(["identity"], catalog.Loaded.Select(m => m.Name));
        Assert.False(catalog.IsLoaded("tasks"));
    }
}
