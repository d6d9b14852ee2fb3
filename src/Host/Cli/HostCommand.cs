namespace Platform.Host.Cli;

internal enum HostCommandKind
{
    Run,
    Migrate,
    CreateOrganization,
    Storage,
}

/// <summary>
/// The verb the binary was started with. Anything that is not a known verb is passed to the
/// host's configuration unchanged (<c>--roles</c>, <c>--urls</c>, …).
/// </summary>
internal sealed record HostCommand(HostCommandKind Kind, string[] HostArgs, string? Subcommand = null)
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
            // storage verify | storage quota: the verb's own word, then options (--organization …) as configuration.
            "storage" => new HostCommand(HostCommandKind.Storage, rest.Length > 0 && !rest[0].StartsWith('-') ? rest[1..] : rest,
                rest.Length > 0 && !rest[0].StartsWith('-') ? rest[0] : null),
            _ => throw new ArgumentException($"Unknown command '{args[0]}'. Commands: run (default), migrate, create-organization, storage."),
        };
    }

    public async Task<int> ExecuteAsync(WebApplication app) => Kind switch
    {
        HostCommandKind.Migrate => await MigrateCommand.RunAsync(app),
        HostCommandKind.CreateOrganization => await CreateOrganizationCommand.RunAsync(app),
        HostCommandKind.Storage => await Platform.Modules.Files.FilesModule.RunStorageCommandAsync(app.Services, app.Configuration, Subcommand, CancellationToken.None),
        _ => throw new InvalidOperationException("Run is not a one-shot command."),
    };
}
