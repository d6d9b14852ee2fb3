using Platform.Modules.Identity.Setup;

namespace Platform.Host.Cli;

/// <summary>
/// <c>Platform.Host create-organization --name "Acme" --admin-email a@acme.test --admin-name "Ann"</c>.
/// The password is never a command-line argument (it would show in ps and shell history): it is
/// read from <c>PLATFORM_ADMIN_PASSWORD</c> or, failing that, from standard input.
/// </summary>
internal static class CreateOrganizationCommand
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        var config = app.Configuration;
        string? name = config["name"], email = config["admin-email"], displayName = config["admin-name"] ?? email;
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("Usage: create-organization --name <organisation> --admin-email <e-mail> [--admin-name <name>]\n" +
                                               "The admin password is read from PLATFORM_ADMIN_PASSWORD or standard input.");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("PLATFORM_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected)
                Console.Write("Admin password: ");
            password = Console.ReadLine();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<OrganizationSetup>();
        var result = await setup.CreateAsync(new NewOrganization(name, email, displayName!, password ?? ""), onlyIfFirst: false, CancellationToken.None);
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in result.Errors)
                await Console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            return 1;
        }
        Console.WriteLine($"Created organisation {result.Created!.OrganizationId} with admin {email}.");
        return 0;
    }
}
