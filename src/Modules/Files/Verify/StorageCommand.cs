using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Modules.Files.Data;
using Spectre.Console;

namespace Platform.Modules.Files.Verify;

/// <summary>
/// The operator's <c>storage</c> commands:
/// <c>storage verify [--organization ID]</c> (exit 0 when clean, 1 when problems were found) and
/// <c>storage quota --organization ID [--bytes N|default]</c> (shows or sets an organisation's quota).
/// </summary>
internal static class StorageCommand
{
    public const string Usage = """
        Usage:
          storage verify [--organization <id>]          re-hash every stored file; report missing, corrupt and orphaned objects
          storage quota --organization <id> [--bytes <n>|default]   show or set an organisation's storage quota
        """;

    public static async Task<int> RunAsync(IServiceProvider services, IConfiguration config, string? subcommand, CancellationToken ct)
    {
        Guid? organization = null;
        if (config["organization"] is { } text)
        {
            if (!Guid.TryParse(text, out var id))
            {
                await Console.Error.WriteLineAsync($"--organization: '{text}' is not an organisation id.");
                return 2;
            }

            organization = id;
        }

        await using var scope = services.CreateAsyncScope();
        switch (subcommand)
        {
            case "verify":
                return await VerifyAsync(scope.ServiceProvider.GetRequiredService<StorageVerifier>(), organization, ct);
            case "quota" when organization is { } org:
                return await QuotaAsync(scope.ServiceProvider, org, config["bytes"], ct);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> VerifyAsync(StorageVerifier verifier, Guid? organization, CancellationToken ct)
    {
        VerifyReport report;
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("verifying", maxValue: 1);
                    var progress = new SyncProgress<VerifyProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.BytesTotal);
                        task.Value = p.BytesChecked;
                        task.Description = $"{p.FilesChecked}/{p.FilesTotal} files, {p.ObjectsListed} objects listed";
                    });
                    return await verifier.VerifyAsync(organization, progress, ct);
                });
        }
        else
        {
            // Logs and pipes get a line every few seconds instead of a redrawn bar.
            var last = DateTime.UtcNow;
            var progress = new SyncProgress<VerifyProgress>(p =>
            {
                if (DateTime.UtcNow - last < TimeSpan.FromSeconds(5))
                    return;
                last = DateTime.UtcNow;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"verify: {p.FilesChecked}/{p.FilesTotal} files, {ByteSize.Format(p.BytesChecked)} of {ByteSize.Format(p.BytesTotal)}, {p.ObjectsListed} objects listed"));
            });
            report = await verifier.VerifyAsync(organization, progress, ct);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage verify ({report.Backend}{(organization is null ? "" : $", organisation {organization}")}): " +
            $"{report.FilesChecked} files ({ByteSize.Format(report.BytesChecked)}) re-hashed, {report.ObjectsListed} objects listed in {report.Elapsed.TotalSeconds:0.0} s"));
        foreach (var kind in Enum.GetValues<ProblemKind>())
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind.ToString().ToLowerInvariant(),-16}{report.Count(kind),8}"));
        foreach (var problem in report.Problems.Take(1000))
        {
            Console.WriteLine($"{problem.Kind.ToString().ToUpperInvariant()} {problem.Key}" +
                              (problem.FileId is null ? "" : $" file={problem.FileId}") +
                              (problem.Name is null ? "" : $" name=\"{problem.Name}\"") + $" — {problem.Detail}");
        }

        if (report.Problems.Count > 1000)
            Console.WriteLine($"… and {report.Problems.Count - 1000} more.");
        Console.WriteLine(report.Problems.Count == 0 ? "OK: no problems found." : $"{report.Problems.Count} problem(s) found.");
        return report.Problems.Count == 0 ? 0 : 1;
    }

    private static async Task<int> QuotaAsync(IServiceProvider services, Guid organization, string? bytes, CancellationToken ct)
    {
        var db = services.GetRequiredService<FilesDbContext>();
        var defaults = services.GetRequiredService<IOptions<FilesOptions>>().Value;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = await db.LockTenantStorageAsync(organization, ct);
        if (bytes is not null)
        {
            if (bytes == "default")
                account.SetQuota(null);
            else if (long.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out var quota))
                account.SetQuota(quota);
            else
            {
                await Console.Error.WriteLineAsync("--bytes: a number of bytes, or 'default'.");
                return 2;
            }

            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        var effective = account.EffectiveQuota(defaults.DefaultQuotaBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"organisation {organization}: {account.UsedBytes} bytes used ({ByteSize.Format(account.UsedBytes)}) in {account.FileCount} files; " +
            $"quota {effective} bytes ({ByteSize.Format(effective)}{(account.QuotaBytes is null ? ", the default" : "")})"));
        return 0;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
