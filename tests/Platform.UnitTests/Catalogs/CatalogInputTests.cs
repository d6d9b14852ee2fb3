using Platform.BuildingBlocks.Web;
using Platform.Modules.Catalogs;
using Platform.Modules.Catalogs.Domain;

namespace Platform.UnitTests.Catalogs;

public sealed class CatalogInputTests
{
    private static ItemRequest Item(params string?[] values) => new(values);

    private static Dictionary<string, string[]> ErrorsOf(FieldErrors errors) =>
        (Dictionary<string, string[]>)errors.ToProblem().ProblemDetails.Errors;

    [Fact]
    public void Valid_items_are_trimmed_by_key_only_and_keep_empty_values()
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        var items = CatalogInput.Items("items", [Item(" MSK ", " Moscow "), Item("msk", null)], 2, errors);
        Assert.False(errors.Any);
        Assert.Equal(["MSK", " Moscow "], items![0].Values);
        Assert.Equal("MSK", items[0].Key);
        Assert.Equal(["msk", ""], items[1].Values);
    }

    [Fact]
    public void Item_errors_name_the_exact_value()
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        var items = CatalogInput.Items("upsert",
        [
            Item("A", "1"),
            Item("B"),
            Item(" ", "x"),
            Item("C", new string('x', CatalogLimits.MaxValueLength + 1)),
            Item("A ", "dup"),
            Item(new string('k', CatalogLimits.MaxKeyLength + 1), "x"),
            Item("D", "nul\0"),
            Item("E", "\ud800"),
            new ItemRequest(null),
        ], 2, errors);
        Assert.Null(items);
        var byField = ErrorsOf(errors);
        Assert.Equal(
            ["upsert[1].values", "upsert[2].values[0]", "upsert[3].values[1]", "upsert[4].values[0]", "upsert[5].values[0]", "upsert[6].values[1]", "upsert[7].values[1]", "upsert[8].values"],
            byField.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("upsert[0]", byField["upsert[4].values[0]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_items_is_one_error_on_the_collection()
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        var many = Enumerable.Range(0, CatalogLimits.MaxItems + 1).Select(i => Item(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Null(CatalogInput.Items("items", many, 1, errors));
        Assert.Equal(["items"], ErrorsOf(errors).Keys.ToArray());
    }

    [Fact]
    public void Errors_beyond_the_cap_are_counted_not_listed()
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        CatalogInput.Items("items", Enumerable.Range(0, 250).Select(_ => Item("")).ToList(), 1, errors);
        var byField = ErrorsOf(errors);
        Assert.Equal(FieldErrors.BulkMaxReported + 1, byField.Count);
        Assert.StartsWith("150 more", byField["items"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_must_be_named_unique_ignoring_case_of_a_known_type_and_few_enough()
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        Assert.Null(CatalogInput.Headers([new HeaderRequest("Code", "Number"), new HeaderRequest(" code ", null), new HeaderRequest(null, "text")], errors));
        Assert.Equal(["headers[0].type", "headers[1].name", "headers[2].name"], ErrorsOf(errors).Keys.Order(StringComparer.Ordinal).ToArray());

        var none = new FieldErrors(FieldErrors.BulkMaxReported);
        Assert.Null(CatalogInput.Headers([], none));
        Assert.True(none.Any);

        var wide = new FieldErrors(FieldErrors.BulkMaxReported);
        Assert.Null(CatalogInput.Headers(Enumerable.Range(0, CatalogLimits.MaxColumns + 1).Select(i => (HeaderRequest?)new HeaderRequest($"C{i}", null)).ToList(), wide));
        Assert.Equal(["headers"], ErrorsOf(wide).Keys.ToArray());

        var fine = new FieldErrors(FieldErrors.BulkMaxReported);
        var headers = CatalogInput.Headers([new HeaderRequest(" Code ", " TEXT "), new HeaderRequest("City", null)], fine);
        Assert.False(fine.Any);
        Assert.Equal([new HeaderInput("Code", "text"), new HeaderInput("City", "text")], headers);
    }

    [Fact]
    public void Keys_to_delete_are_trimmed_and_distinct()
    {
        var errors = new FieldErrors(FieldErrors.BulkMaxReported);
        Assert.Equal(["A", "B"], CatalogInput.Keys("delete", [" A", "B", "A "], errors));
        Assert.False(errors.Any);
        Assert.Null(CatalogInput.Keys("delete", ["A", " ", null], errors));
        Assert.Equal(["delete[1]", "delete[2]"], ErrorsOf(errors).Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
