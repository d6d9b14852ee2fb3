using Platform.Modules.Catalogs.Domain;

namespace Platform.UnitTests.Catalogs;

public sealed class CatalogHeadersTests
{
    private static readonly Guid CatalogId = Guid.CreateVersion7();

    private static List<CatalogColumn> Existing(params string[] names) =>
        names.Select((n, i) => new CatalogColumn(CatalogId, i + 1, i, n, ColumnTypes.Text)).ToList();

    private static List<HeaderInput> Requested(params string[] names) => names.Select(n => new HeaderInput(n, ColumnTypes.Text)).ToList();

    [Fact]
    public void A_new_catalog_numbers_its_columns_from_the_next_id()
    {
        var plan = CatalogHeaders.Plan([], Requested("Code", "City"), nextColumnId: 1);
        Assert.Equal([1, 2], plan.ColumnIds);
        Assert.Equal([1, 2], plan.AddedIds);
        Assert.Empty(plan.RemovedIds);
        Assert.Equal(3, plan.NextColumnId);
        Assert.True(plan.Changed);
    }

    [Fact]
    public void The_same_headers_are_no_change()
    {
        var plan = CatalogHeaders.Plan(Existing("Code", "City"), Requested("Code", "City"), nextColumnId: 3);
        Assert.False(plan.Changed);
        Assert.Equal([1, 2], plan.ColumnIds);
        Assert.Equal(3, plan.NextColumnId);
    }

    [Fact]
    public void Columns_are_matched_by_name_ignoring_case_so_renames_moves_and_removals_keep_ids()
    {
        var plan = CatalogHeaders.Plan(Existing("Code", "City", "Region"), Requested("Code", "Name", "city"), nextColumnId: 4);
        Assert.Equal([1, 4, 2], plan.ColumnIds);
        Assert.Equal("city", plan.Columns[2].Name);
        Assert.Equal([4], plan.AddedIds);
        Assert.Equal([3], plan.RemovedIds);
        Assert.Equal(5, plan.NextColumnId);
        Assert.True(plan.Changed);
    }

    [Theory]
    [InlineData("City,Code")] // moved
    [InlineData("code,City")] // renamed (spelling)
    [InlineData("Code")] // removed
    [InlineData("Code,City,Extra")] // added
    public void Any_difference_in_order_spelling_or_set_is_a_change(string requested) =>
        Assert.True(CatalogHeaders.Plan(Existing("Code", "City"), Requested(requested.Split(',')), nextColumnId: 3).Changed);

    [Fact]
    public void Applying_a_plan_makes_the_catalogs_columns_match_it()
    {
        var catalog = Catalog.Create(Guid.NewGuid(), " Cities ", Requested("Code", "City", "Region"), DateTimeOffset.UnixEpoch);
        Assert.Equal("Cities", catalog.Name);
        catalog.ApplyColumns(CatalogHeaders.Plan(catalog.Columns, Requested("Code", "Name", "City"), catalog.NextColumnId));
        Assert.Equal(["Code", "Name", "City"], catalog.OrderedColumns.Select(c => c.Name).ToArray());
        Assert.Equal([1, 4, 2], catalog.OrderedColumns.Select(c => c.Id).ToArray());
        Assert.Equal(5, catalog.NextColumnId);
    }
}
