using Platform.BuildingBlocks.Web;
using Platform.Modules.Forms.Contracts;
using Platform.Modules.Forms.Templates;

namespace Platform.UnitTests.Forms;

public sealed class TemplateInputTests
{
    private static readonly Guid Ann = Guid.CreateVersion7();

    private static (Modules.Forms.Domain.TemplateDefinition? Definition, FieldErrors Errors) Parse(TemplateRequest request, FormTemplateVersion? previous = null)
    {
        var errors = new FieldErrors();
        return (TemplateInput.Parse(request, previous, errors), errors);
    }

    [Fact]
    public void A_complete_template_parses_with_numbered_steps_and_generated_option_ids()
    {
        var (definition, errors) = Parse(new TemplateRequest(" Purchase ", null,
            [
                new FieldRequest("amount", FieldTypes.Money, "Amount", RequiredFromStep: 1, Currency: "rub"),
                new FieldRequest("kind", FieldTypes.SingleChoice, "Kind", Options: [new OptionRequest(null, "Hardware"), new OptionRequest("sw", "Software")]),
                new FieldRequest("manager", FieldTypes.Person, "Manager"),
                new FieldRequest("items", FieldTypes.Table, "Items", Columns: [new FieldRequest("qty", FieldTypes.Number, "Qty", Min: 1)]),
            ],
            new RouteRequest(
                [new StepRequest("Manager", [], []), new StepRequest("Finance", [Ann], [])],
                [new RuleRequest(RuleActions.AddApprover, 1, null, "manager", null),
                 new RuleRequest(RuleActions.AddApprover, 2, [Ann], null, new ConditionRequest("amount", "greater", FormFixtures.Json("100000")))],
                RejectBehaviors.CloseRejected)));
        Assert.False(errors.Any, string.Join("; ", errors.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.Equal("Purchase", definition!.Name);
        Assert.Equal("RUB", definition.Fields[0].Currency);
        Assert.Equal(2, definition.Fields[0].Decimals);
        Assert.Equal(["o1", "sw"], definition.Fields[1].Options!.Select(o => o.Id));
        Assert.Equal([1, 2], definition.Route.Steps.Select(s => s.Number));
        Assert.Equal("100000", definition.Route.Rules[1].When!.Value);
    }

    [Fact]
    public void Options_sent_again_without_ids_keep_their_ids_in_the_next_version()
    {
        var previous = FormFixtures.Template([FormFixtures.Field("kind", FieldTypes.SingleChoice) with
        {
            Options = [new ChoiceOption("o1", "Hardware"), new ChoiceOption("o2", "Software")],
        }]);
        var (definition, errors) = Parse(new TemplateRequest("P", null,
            [new FieldRequest("kind", FieldTypes.SingleChoice, "Kind", Options: [new OptionRequest(null, "Software"), new OptionRequest(null, "Services")])],
            null), previous);
        Assert.False(errors.Any);
        Assert.Equal(["o2", "o3"], definition!.Fields[0].Options!.Select(o => o.Id));
    }

    [Fact]
    public void Every_error_is_reported_at_its_path()
    {
        var (definition, errors) = Parse(new TemplateRequest("", null,
            [
                new FieldRequest("Amount", FieldTypes.Number, "A", Min: 5, Max: 1),
                new FieldRequest("dup", "colour", "X"),
                new FieldRequest("dup", FieldTypes.Text, "Y", RequiredFromStep: 3),
                new FieldRequest("dup", FieldTypes.Text, "Z"),
                new FieldRequest("pay", FieldTypes.Money, "Pay"),
                new FieldRequest("pick", FieldTypes.MultipleChoice, "Pick"),
                new FieldRequest("rows", FieldTypes.Table, "Rows", Columns: [new FieldRequest("inner", FieldTypes.Table, "Inner")]),
                new FieldRequest("t", FieldTypes.Text, "T", Min: 1),
                new FieldRequest("note", FieldTypes.Text, "Note"),
            ],
            new RouteRequest([new StepRequest(null, null, null)],
                [new RuleRequest(RuleActions.AddApprover, 5, [Ann], null, new ConditionRequest("note", "greater", FormFixtures.Json("1"))),
                 new RuleRequest("delete", null, null, "note", null)],
                "explode")));
        Assert.Null(definition);
        foreach (var path in new[]
                 {
                     "name", "fields[0].code", "fields[0].max", "fields[1].type", "fields[2].requiredFromStep", "fields[3].code",
                     "fields[4].currency", "fields[5].options", "fields[6].columns[0].type", "fields[7].min", "route.onReject",
                     "route.rules[0].step", "route.rules[0].when.operator", "route.rules[1].action", "route.rules[1].fromField",
                 })
            Assert.True(errors.Errors.ContainsKey(path), $"no error at {path}; errors at: {string.Join(", ", errors.Errors.Keys)}");
    }
}
