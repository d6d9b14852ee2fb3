namespace Platform.IntegrationTests.Files.Previews;

/// <summary>
/// Preview tests run the real converters and assert on time limits; run alone so that LibreOffice start-ups and
/// other test classes don't compete with them for the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PreviewTestGroup
{
    public const string Name = "Previews";
}
