namespace Platform.Host.Cli;

internal enum HostCommandKind
{
    Run,
    Migrate,
    CreateOrganization,
}

/// <summary>
/// The verb the binary was started with. Anything that is not a known verb is passed to the
/// host's configuration unchanged (<c>--roles</c>, <c>--urls</c>, …).
/// </summary>
internal sealed record HostCommand(HostCommandKind Kind, string[] HostArgs)
{
    public static HostCommand Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
            return new HostCommand(HostCommandKind.Run, args);
        var rest = args[1..];
        return args[0] switch
        {
            "run" => new HostCommand(HostCommandKind.Run, rest),
            "migrate" => new HostCommand(HostCommandKind.Migrate, rest),
            "create-organization" => new HostCommand(HostCommandKind.CreateOrganization, rest),
            _ => throw new ArgumentException($"Unknown command '{args[0]}'. Commands: run (default), migrate, create-organization."),
        };
    }

    public async Task<int> ExecuteAsync(WebApplication app) => Kind switch
    {
        HostCommandKind.Migrate => await MigrateCommand.RunAsync(app),
        HostCommandKind.CreateOrganization => await CreateOrganizationCommand.RunAsync(app),
        _ => throw new InvalidOperationException("Run is not a one-shot command."),
    };
}
