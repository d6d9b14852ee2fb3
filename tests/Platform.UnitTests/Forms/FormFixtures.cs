using System.Text.Json;
using Platform.Modules.Forms.Contracts;

namespace Platform.UnitTests.Forms;

internal static class FormFixtures
{
    public static FormTemplateVersion Template(IReadOnlyList<FormField> fields, FormRoute? route = null) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, "Purchase", null, fields, route ?? FormRoute.Empty, false, DateTimeOffset.UnixEpoch);

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Values from an anonymous object, e.g. <c>Values(new { amount = 5 })</c>.</summary>
    public static JsonElement Values(object values) => JsonSerializer.SerializeToElement(values);

    public static FormField Field(string code, string type) => new(code, type, code);

    public static IReadOnlyList<ChoiceOption> Options(params string[] ids) => ids.Select(i => new ChoiceOption(i, i.ToUpperInvariant())).ToList();
}
