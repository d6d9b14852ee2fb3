using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Platform.LocalResources;

/// <summary>
/// A private mail system on loopback: Dovecot (Debian dovecot-imapd) serving IMAP on 127.0.0.1:<see cref="ImapPort"/>
/// and aiosmtpd (Debian python3-aiosmtpd) accepting SMTP on 127.0.0.1:<see cref="SmtpPort"/>, which delivers each
/// recipient into that user's Maildir (tools/mail/recipient_maildirs.py), so that mail sent over SMTP can be read
/// over IMAP at once, as with a real MTA + MDA pair. Users are added with <see cref="AddUserAsync"/> (before or after
/// the start: Dovecot re-reads its passwd-file when it changes); <c>tasks+anything@…</c> is delivered to <c>tasks</c>.
/// Both servers run as child processes in their own sessions with pid files beside <see cref="DataDirectory"/>; a
/// pair left by a run killed hard is stopped by the next start. A development and test server: plaintext logins, no
/// TLS, no relaying — never a production one.
/// </summary>
public sealed class MailServer : IAsyncDisposable
{
    public const string InstallCommand = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd python3-aiosmtpd";
    private const string DovecotBinary = "/usr/sbin/dovecot";
    // Debian's python3 has python3-aiosmtpd; a pyenv python first on PATH would not.
    private const string PythonBinary = "/usr/bin/python3";

    private static readonly string[] DeliveredFolders = ["new", "cur"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _toolsDirectory;
    private ManagedProcess? _dovecot;
    private ManagedProcess? _smtp;
    private bool _disposed;

    /// <param name="dataDirectory">Holds the configuration, the users' Maildirs and the logs.</param>
    /// <param name="toolsDirectory">The repository's tools/mail folder (the aiosmtpd handler); found from the current directory when null.</param>
    public MailServer(string dataDirectory, int imapPort, int smtpPort, string? toolsDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imapPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(imapPort, 65535);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(smtpPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(smtpPort, 65535);
        DataDirectory = Path.GetFullPath(dataDirectory);
        ImapPort = imapPort;
        SmtpPort = smtpPort;
        _toolsDirectory = toolsDirectory ?? FindToolsDirectory();
    }

    public string DataDirectory { get; }

    public int ImapPort { get; }

    public int SmtpPort { get; }

    /// <summary>The domain addresses are written with; any domain is accepted, only the local part picks the user.</summary>
    public string Domain { get; init; } = "platform.test";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string UsersDirectory => Path.Combine(DataDirectory, "users");

    public string DovecotLog => Path.Combine(DataDirectory, "dovecot.log");

    private string ConfigFile => Path.Combine(DataDirectory, "dovecot.conf");

    private string PasswdFile => Path.Combine(DataDirectory, "passwd");

    public int? DovecotProcessId => _dovecot is { HasExited: false } p ? p.ProcessId : null;

    public int? SmtpProcessId => _smtp is { HasExited: false } p ? p.ProcessId : null;

    public TimeSpan? LastStartDuration { get; private set; }

    public string Address(string user) => $"{user}@{Domain}";

    /// <summary>Checks that both programs are installed, or throws a <see cref="PrerequisiteMissingException"/> naming the apt command.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(DovecotBinary))
            throw new PrerequisiteMissingException("dovecot was not found (Debian package dovecot-imapd).", InstallCommand);
        if (!File.Exists(PythonBinary) || !Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"))
            throw new PrerequisiteMissingException("aiosmtpd was not found for /usr/bin/python3 (Debian package python3-aiosmtpd).", InstallCommand);
    }

    /// <summary>Adds (or changes the password of) a mailbox user; its Maildir exists at once, empty.</summary>
    public async Task AddUserAsync(string user, string password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(user) || !user.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.') || user.StartsWith('.'))
            throw new ArgumentException("A user is lower-case letters, digits, '-', '_' and '.'.", nameof(user));
        if (string.IsNullOrEmpty(password) || password.Any(c => c is ':' or '\n' or '\r'))
            throw new ArgumentException("A password may not be empty nor hold ':' or line breaks.", nameof(password));
        await _gate.WaitAsync(ct);
        try
        {
            var home = Path.Combine(UsersDirectory, user);
            foreach (var sub in new[] { "cur", "new", "tmp" })
                Directory.CreateDirectory(Path.Combine(home, "Maildir", sub));
            var (uid, gid) = MailUid;
            var lines = File.Exists(PasswdFile)
                ? (await File.ReadAllLinesAsync(PasswdFile, ct)).Where(l => !l.StartsWith(user + ":", StringComparison.Ordinal)).ToList()
                : [];
            lines.Add($"{user}:{{PLAIN}}{password}:{uid}:{gid}::{home}");
            await File.WriteAllLinesAsync(PasswdFile, lines, ct);
            await OwnAsync(home, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The files in a user's Maildir (new and cur): what was delivered and not expunged.</summary>
    public IReadOnlyList<string> MaildirFiles(string user)
    {
        var maildir = Path.Combine(UsersDirectory, user, "Maildir");
        return DeliveredFolders.Select(d => Path.Combine(maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Writes the configuration and the users' folders without starting anything: for a supervisor of its own (the
    /// AppHost's DCP) that then runs <see cref="DovecotCommand"/> and <see cref="SmtpCommand"/>.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        EnsureInstalled();
        Directory.CreateDirectory(UsersDirectory);
        if (!File.Exists(PasswdFile))
            await File.WriteAllTextAsync(PasswdFile, string.Empty, ct);
        await File.WriteAllTextAsync(ConfigFile, DovecotConfig(), ct);
        // Dovecot's unprivileged processes read the users' folders; the data folder must be traversable.
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await OwnAsync(UsersDirectory, ct);
    }

    /// <summary>Dovecot in the foreground with this folder's configuration.</summary>
    public MailServerCommand DovecotCommand => new(DovecotBinary, ["-F", "-c", ConfigFile], DataDirectory, new Dictionary<string, string?>());

    /// <summary>aiosmtpd with the handler that delivers into this folder's Maildirs.</summary>
    public MailServerCommand SmtpCommand => new(PythonBinary,
        // -n: when not root aiosmtpd must not try to drop to nobody; as root it drops to nobody itself, the uid
        // Dovecot's users have.
        [.. new[] { "-m", "aiosmtpd", "-l", $"127.0.0.1:{SmtpPort.ToString(CultureInfo.InvariantCulture)}" },
            .. IsRoot ? Array.Empty<string>() : ["-n"],
            "-c", "recipient_maildirs.RecipientMaildirs", UsersDirectory],
        _toolsDirectory, new Dictionary<string, string?> { ["PYTHONPATH"] = _toolsDirectory });

    /// <summary>Starts both servers (what already runs is left alone) and returns once both greet a client.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var stopwatch = Stopwatch.StartNew();
            await PrepareAsync(ct);
            var dovecot = DovecotCommand;
            _dovecot = await StartOneAsync(_dovecot, new ManagedProcessOptions
            {
                FileName = dovecot.FileName,
                Arguments = dovecot.Arguments,
                PidFile = DataDirectory + ".dovecot.pid",
                CommandMarker = ConfigFile,
            }, ImapPort, "* OK", ct);
            var smtp = SmtpCommand;
            _smtp = await StartOneAsync(_smtp, new ManagedProcessOptions
            {
                FileName = smtp.FileName,
                Arguments = smtp.Arguments,
                WorkingDirectory = smtp.WorkingDirectory,
                Environment = smtp.Environment,
                PidFile = DataDirectory + ".smtp.pid",
                CommandMarker = UsersDirectory,
            }, SmtpPort, "220", ct);
            LastStartDuration = stopwatch.Elapsed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>kill -9 of Dovecot (IMAP clients' sockets just drop); SMTP keeps accepting mail.</summary>
    public async Task KillImapAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_dovecot is not { HasExited: false } process)
                return;
            process.Kill();
            await process.Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            foreach (var process in new[] { _smtp, _dovecot })
                if (process is not null)
                    await process.DisposeAsync();
            _smtp = _dovecot = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        await StopAsync();
        _disposed = true;
        _gate.Dispose();
    }

    private async Task<ManagedProcess> StartOneAsync(ManagedProcess? running, ManagedProcessOptions options, int port, string greeting, CancellationToken ct)
    {
        if (running is { HasExited: false })
            return running;
        if (running is not null)
            await running.DisposeAsync();
        var process = new ManagedProcess(options);
        process.KillLeftover();
        if (PortAllocator.IsInUse(port))
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"Port {port} is already in use by another program; {Path.GetFileName(options.FileName)} for {DataDirectory} cannot start on it.");
        }

        process.Start();
        try
        {
            await WaitForGreetingAsync(process, Path.GetFileName(options.FileName), port, greeting, ct);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private async Task WaitForGreetingAsync(ManagedProcess process, string name, int port, string greeting, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{name} on port {port} exited with code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, process.RecentOutput)}{LogTail()}");
            try
            {
                using var client = new TcpClient();
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, attempt.Token);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var line = await reader.ReadLineAsync(attempt.Token);
                if (line?.StartsWith(greeting, StringComparison.Ordinal) == true)
                    return;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > StartTimeout)
                throw new TimeoutException($"No '{greeting}' greeting on 127.0.0.1:{port} within {StartTimeout.TotalSeconds:0} s.{LogTail()}");
            await Task.Delay(100, ct);
        }
    }

    private string LogTail() =>
        File.Exists(DovecotLog) ? Environment.NewLine + string.Join(Environment.NewLine, File.ReadLines(DovecotLog).TakeLast(10)) : string.Empty;

    private string DovecotConfig()
    {
        var (uid, _) = MailUid;
        var unprivileged = IsRoot ? string.Empty : $"""
            default_internal_user = {Environment.UserName}
            default_login_user = {Environment.UserName}
            first_valid_uid = {uid}
            """;
        // A private instance: its own base/state folders and log, loopback only, no TLS, plaintext logins allowed.
        return $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{DataDirectory}}/run
            state_dir = {{DataDirectory}}/state
            log_path = {{DovecotLog}}
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            # A test server: a wrong password is answered at once, not after Dovecot's default 2 s.
            auth_failure_delay = 0
            # Nor does a wrong password slow the next logins from loopback down (Dovecot's auth penalty).
            login_trusted_networks = 127.0.0.0/8
            mail_location = maildir:~/Maildir
            {{unprivileged}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN {{PasswdFile}}
            }
            userdb {
              driver = passwd-file
              args = {{PasswdFile}}
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{ImapPort.ToString(CultureInfo.InvariantCulture)}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service stats {
              unix_listener stats-reader {
                mode = 0666
              }
              unix_listener stats-writer {
                mode = 0666
              }
            }

            """;
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>As root both servers run the mail as nobody (aiosmtpd drops to it by itself); otherwise as ourselves.</summary>
    private static (int Uid, int Gid) MailUid => IsRoot ? (65534, 65534) : (CurrentId("-u"), CurrentId("-g"));

    private static int CurrentId(string flag)
    {
        var result = ProcessRunner.RunAsync("id", [flag]).GetAwaiter().GetResult();
        return int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task OwnAsync(string path, CancellationToken ct)
    {
        if (IsRoot)
            await ProcessRunner.RunAsync("chown", ["-R", "65534:65534", path], ct);
    }

    private static string FindToolsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "mail");
            if (File.Exists(Path.Combine(candidate, "recipient_maildirs.py")))
                return candidate;
        }

        throw new InvalidOperationException("tools/mail/recipient_maildirs.py was not found above " + AppContext.BaseDirectory + "; pass toolsDirectory.");
    }
}

/// <summary>A program line of the mail system, for a supervisor that is not <see cref="MailServer"/> itself.</summary>
public sealed record MailServerCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string?> Environment);
