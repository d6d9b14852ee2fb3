using Platform.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Platform.Modules.Catalogs.Domain;

namespace Platform.UnitTests.Catalogs;

public sealed class CatalogCellsTests
{
    [Fact]
    public void Cells_are_keyed_by_column_id_leave_empty_values_out_and_read_back_in_any_column_order()
    {
        var json = CatalogCells.ToJson([1, 2, 5], ["MSK", "", "Москва \"центр\""]);
        Assert.Equal("{\"1\":\"MSK\",\"5\":\"Москва \\\"центр\\\"\"}", json);
        Assert.Equal(["Москва \"центр\"", "MSK", ""], CatalogCells.FromJson(json, [5, 1, 2]));
        // PostgreSQL's jsonb output adds spaces; a removed column's stale cell is ignored.
        Assert.Equal(["MSK", ""], CatalogCells.FromJson("{\"1\": \"MSK\", \"3\": \"stale\"}", [1, 2]));
    }

    [Theory]
    [InlineData(null, 3, true)]
    [InlineData("\"3\"", 3, true)]
    [InlineData("\"2\", \"3\"", 3, true)]
    [InlineData("*", 3, true)]
    [InlineData("\"2\"", 3, false)]
    [InlineData("W/\"3\"", 3, false)]
    [InlineData("3", 3, false)]
    public void If_Match_is_compared_strongly_with_the_version(string? ifMatch, long version, bool allowed)
    {
        var context = new DefaultHttpContext();
        if (ifMatch is not null)
            context.Request.Headers.IfMatch = ifMatch;
        Assert.Equal(allowed, EntityVersions.IfMatchAllows(context.Request, version));
    }
}
