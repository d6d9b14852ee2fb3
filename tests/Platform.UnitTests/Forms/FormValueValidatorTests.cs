using Platform.Modules.Forms.Contracts;
using static Platform.UnitTests.Forms.FormFixtures;

namespace Platform.UnitTests.Forms;

public sealed class FormValueValidatorTests
{
    private static readonly FormTemplateVersion AllTypes = Template(
    [
        Field("title", FieldTypes.Title),
        Field("section", FieldTypes.Section),
        Field("text", FieldTypes.Text),
        Field("notes", FieldTypes.MultilineText),
        Field("qty", FieldTypes.Number) with { Min = 1, Max = 100, Decimals = 0 },
        Field("rate", FieldTypes.Number) with { Decimals = 2 },
        Field("amount", FieldTypes.Money) with { Currency = "RUB", Decimals = 2 },
        Field("day", FieldTypes.Date),
        Field("at", FieldTypes.Time),
        Field("due", FieldTypes.DueDate),
        Field("urgent", FieldTypes.Checkbox),
        Field("kind", FieldTypes.SingleChoice) with { Options = Options("hw", "sw") },
        Field("tags", FieldTypes.MultipleChoice) with { Options = Options("a", "b", "c") },
        Field("manager", FieldTypes.Person),
        Field("city", FieldTypes.Catalog) with { CatalogId = Guid.CreateVersion7() },
        Field("files", FieldTypes.File),
        Field("email", FieldTypes.Email),
        Field("phone", FieldTypes.Phone),
        Field("items", FieldTypes.Table) with
        {
            Columns =
            [
                Field("name", FieldTypes.Text) with { RequiredFromStep = 1 },
                Field("qty", FieldTypes.Number) with { Min = 1, Decimals = 0 },
                Field("kind", FieldTypes.SingleChoice) with { Options = Options("hw", "sw") },
            ],
        },
    ]);

    private static Dictionary<string, string> Errors(FormTemplateVersion template, string json, int step = 1, string? previous = null) =>
        FormValueValidator.Validate(template, Json(json), step, previous is null ? null : Json(previous))
            .GroupBy(e => e.Path).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));

    [Fact]
    public void A_valid_value_of_every_type_passes()
    {
        var errors = Errors(AllTypes, $$"""
            {
              "text": "Laptops", "notes": "line 1\nline 2", "qty": 5, "rate": 1.25, "amount": 150000.50,
              "day": "2026-03-01", "at": "09:30", "due": "2026-03-01T18:00:00+03:00", "urgent": true,
              "kind": "hw", "tags": ["a", "c"], "manager": "{{Guid.CreateVersion7()}}", "city": "MSK",
              "files": ["file-1"], "email": "ann@example.test", "phone": "+7 (495) 123-45-67",
              "items": [ { "name": "Mouse", "qty": 2, "kind": "hw" }, { "name": "IDE" } ]
            }
            """);
        Assert.Empty(errors);
    }

    [Fact]
    public void Not_set_values_are_valid_when_nothing_is_required()
    {
        Assert.Empty(Errors(AllTypes, """{ "text": null, "notes": "", "tags": [], "files": [] }"""));
        Assert.Empty(Errors(AllTypes, "{}"));
    }

    [Theory]
    [InlineData("text", "5", "must be a string.")]
    [InlineData("notes", "true", "must be a string.")]
    [InlineData("qty", "\"5\"", "must be a number.")]
    [InlineData("qty", "0", "must be at least 1.")]
    [InlineData("qty", "101", "must be at most 100.")]
    [InlineData("qty", "1.5", "must be a whole number.")]
    [InlineData("rate", "1.255", "must have at most 2 digits after the decimal point.")]
    [InlineData("amount", "10.001", "must have at most 2 digits after the decimal point.")]
    [InlineData("amount", "\"10\"", "must be a number.")]
    [InlineData("day", "\"01.03.2026\"", "must be a date (yyyy-MM-dd).")]
    [InlineData("day", "\"2026-02-30\"", "must be a date (yyyy-MM-dd).")]
    [InlineData("at", "\"25:00\"", "must be a time (HH:mm or HH:mm:ss).")]
    [InlineData("due", "\"2026-03-01T18:00:00\"", "must be a date (yyyy-MM-dd) or a date-time with offset (ISO 8601).")]
    [InlineData("urgent", "\"yes\"", "must be true or false.")]
    [InlineData("kind", "\"food\"", "must be the id of one of the field's options.")]
    [InlineData("tags", "\"a\"", "must be an array of option ids.")]
    [InlineData("tags", "[\"a\", \"x\"]", "must contain only ids of the field's options.")]
    [InlineData("tags", "[\"a\", \"a\"]", "must not contain an option twice.")]
    [InlineData("manager", "\"ann\"", "must be a person id.")]
    [InlineData("city", "42", "must be a string.")]
    [InlineData("files", "\"file-1\"", "must be an array of file ids.")]
    [InlineData("files", "[42]", "must contain only file ids (non-empty strings of at most 200 characters).")]
    [InlineData("email", "\"ann.example.test\"", "must be an e-mail address.")]
    [InlineData("phone", "\"call me\"", "must be a phone number (digits, optionally +, spaces, dashes, parentheses).")]
    [InlineData("phone", "\"12\"", "must be a phone number (digits, optionally +, spaces, dashes, parentheses).")]
    [InlineData("items", "{}", "must be an array of rows.")]
    [InlineData("title", "\"x\"", "is a layout field and takes no value.")]
    [InlineData("section", "1", "is a layout field and takes no value.")]
    public void An_invalid_value_is_reported_at_its_field_path(string code, string value, string message)
    {
        var errors = Errors(AllTypes, $$"""{ "{{code}}": {{value}} }""");
        Assert.Equal(message, Assert.Single(errors, e => e.Key == $"fields.{code}").Value);
        Assert.Single(errors);
    }

    [Fact]
    public void Unknown_fields_and_non_object_documents_are_rejected()
    {
        Assert.Equal("is not a field of this form.", Errors(AllTypes, """{ "nope": 1 }""")["fields.nope"]);
        Assert.Equal("must be an object keyed by field code.", Errors(AllTypes, "[1]")["fields"]);
    }

    [Fact]
    public void Table_cells_are_validated_with_row_paths()
    {
        var errors = Errors(AllTypes, """
            { "items": [ { "name": "ok", "qty": 1 }, { "name": "bad", "qty": 0, "kind": "x", "extra": 1 }, 5, { "qty": 2 } ] }
            """);
        Assert.Equal("must be at least 1.", errors["fields.items[1].qty"]);
        Assert.Equal("must be the id of one of the field's options.", errors["fields.items[1].kind"]);
        Assert.Equal("is not a field of this form.", errors["fields.items[1].extra"]);
        Assert.Equal("must be an object keyed by column code.", errors["fields.items[2]"]);
        Assert.Equal("is required from step 1.", errors["fields.items[3].name"]);
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Required_from_step_applies_from_that_step_on()
    {
        var template = Template([Field("amount", FieldTypes.Money) with { Currency = "RUB", RequiredFromStep = 2 }, Field("note", FieldTypes.Text)]);
        Assert.Empty(Errors(template, "{}", step: 1));
        Assert.Equal("is required from step 2.", Errors(template, "{}", step: 2)["fields.amount"]);
        Assert.Equal("is required from step 2.", Errors(template, """{ "amount": null }""", step: 3)["fields.amount"]);
        Assert.Empty(Errors(template, """{ "amount": 1 }""", step: 2));
        // Blank text is "not set".
        var text = Template([Field("note", FieldTypes.Text) with { RequiredFromStep = 1 }]);
        Assert.Equal("is required from step 1.", Errors(text, """{ "note": "   " }""")["fields.note"]);
    }

    [Fact]
    public void Read_only_from_step_rejects_changes_from_that_step_on_but_not_before()
    {
        var template = Template([Field("amount", FieldTypes.Number) with { ReadOnlyFromStep = 2 }]);
        Assert.Empty(Errors(template, """{ "amount": 2 }""", step: 1, previous: """{ "amount": 1 }"""));
        Assert.Equal("is read-only from step 2 and cannot be changed.",
            Errors(template, """{ "amount": 2 }""", step: 2, previous: """{ "amount": 1 }""")["fields.amount"]);
        Assert.Equal("is read-only from step 2 and cannot be changed.",
            Errors(template, "{}", step: 2, previous: """{ "amount": 1 }""")["fields.amount"]);
        // The same value (1 and 1.0 are the same number) is not a change.
        Assert.Empty(Errors(template, """{ "amount": 1.0 }""", step: 2, previous: """{ "amount": 1 }"""));
        Assert.Empty(Errors(template, """{ "amount": null }""", step: 3, previous: "{}"));
    }

    [Fact]
    public void Read_only_table_columns_are_checked_cell_by_cell()
    {
        var template = Template([Field("items", FieldTypes.Table) with
        {
            Columns = [Field("qty", FieldTypes.Number) with { ReadOnlyFromStep = 1 }, Field("note", FieldTypes.Text)],
        }]);
        const string before = """{ "items": [ { "qty": 1 }, { "qty": 2 } ] }""";
        Assert.Empty(Errors(template, """{ "items": [ { "qty": 1, "note": "x" }, { "qty": 2 } ] }""", previous: before));
        var changed = Errors(template, """{ "items": [ { "qty": 1 }, { "qty": 3 } ] }""", previous: before);
        Assert.Equal("is read-only from step 1 and cannot be changed.", changed["fields.items[1].qty"]);
        var removed = Errors(template, """{ "items": [ { "qty": 1 } ] }""", previous: before);
        Assert.Equal("is read-only from step 1 and cannot be removed.", removed["fields.items[1].qty"]);
    }

    [Fact]
    public void Scale_counts_significant_decimals_only()
    {
        Assert.Equal(0, FormValueValidator.Scale(10m));
        Assert.Equal(1, FormValueValidator.Scale(1.50m));
        Assert.Equal(3, FormValueValidator.Scale(-0.125m));
    }
}
