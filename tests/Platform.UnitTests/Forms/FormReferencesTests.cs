using Platform.Modules.Forms.Contracts;
using static Platform.UnitTests.Forms.FormFixtures;

namespace Platform.UnitTests.Forms;

public sealed class FormReferencesTests
{
    private static readonly Guid Cities = Guid.CreateVersion7();
    private static readonly Guid Ann = Guid.CreateVersion7();
    private static readonly Guid Bob = Guid.CreateVersion7();

    private static readonly FormTemplateVersion Trip = Template(
    [
        Field("traveller", FieldTypes.Person),
        Field("city", FieldTypes.Catalog) with { CatalogId = Cities },
        Field("legs", FieldTypes.Table) with
        {
            Columns = [Field("to", FieldTypes.Catalog) with { CatalogId = Cities }, Field("host", FieldTypes.Person)],
        },
        Field("note", FieldTypes.Text),
    ]);

    [Fact]
    public void People_and_catalog_items_are_collected_with_their_paths_including_table_cells()
    {
        var (people, items) = FormReferences.Collect(Trip, Values(new
        {
            traveller = Ann.ToString(),
            city = " PAR ",
            legs = new object[] { new { to = "BER" }, new { to = "", host = Bob.ToString() } },
            note = "x",
        }));
        Assert.Equal([new PersonReference("fields.traveller", Ann), new PersonReference("fields.legs[1].host", Bob)], people);
        Assert.Equal([new CatalogReference("fields.city", Cities, "PAR"), new CatalogReference("fields.legs[0].to", Cities, "BER")], items);
    }

    [Fact]
    public void With_previous_values_only_changed_fields_are_collected()
    {
        var before = Values(new { traveller = Ann.ToString(), city = "PAR", legs = new object[] { new { to = "BER" } } });
        var after = Values(new { traveller = Ann.ToString(), city = "LON", legs = new object[] { new { to = "BER" } } });
        var (people, items) = FormReferences.Collect(Trip, after, before);
        Assert.Empty(people);
        Assert.Equal([new CatalogReference("fields.city", Cities, "LON")], items);
    }
}
