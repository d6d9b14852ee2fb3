using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Mail.Contracts;
using Platform.Modules.Mail.Data;
using Platform.Modules.Mail.Intake;
using Platform.Modules.Mail.Integrations;
using Platform.Modules.Mail.Reading;
using Platform.Modules.Mail.Secrets;
using Platform.Modules.Mail.Sending;

namespace Platform.Modules.Mail;

/// <summary>
/// Mail, by role: the mail-reader (mailboxes → <see cref="MailMessageReceived"/> for Tasks) and the mail-sender (the
/// outgoing queue) on <c>mail</c> nodes; the admin API (integrations, what was read, the queue) on <c>web</c> nodes.
/// Both record what Tasks answers and queue comments sent by e-mail (the consumers share their queues: each message is
/// handled once in the cluster).
/// </summary>
public static class MailModule
{
    public const string Name = "mail";

    public static IHostApplicationBuilder AddMailModule(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var catalog = services.GetModuleCatalog();
        if (!catalog.TryLoad(Name, PlatformRoles.Mail, PlatformRoles.Web))
            return builder;
        // Legacy charsets of real mail (KOI8-R, Windows-1251, ISO-2022-JP, …) are not in .NET's default set.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        services.AddOptions<MailOptions>().Bind(builder.Configuration.GetSection(MailOptions.Section));
        services.AddOptions<SystemSmtpOptions>().Bind(builder.Configuration.GetSection(SystemSmtpOptions.Section));
        services.AddModuleDbContext<MailDbContext>(MailDbContext.Schema);
        services.AddSingleton<MailSecrets>();
        services.AddSingleton<MailSignal>();
        services.AddModuleConsumers(bus =>
        {
            bus.AddConsumer<MailMessageHandledConsumer>();
            bus.AddConsumer<TaskMailRequestedConsumer>();
        });

        var roles = catalog.NodeRoles;
        if (roles.Has(PlatformRoles.Web))
        {
            services.AddScoped<IntegrationValidator>();
            services.AddScoped<ConnectionTester>();
        }

        if (roles.Has(PlatformRoles.Mail))
        {
            IntegrationEventTypes.Register<MailMessageReceived>();
            services.AddOutboxRelay(MailDbContext.Schema);
            services.AddScoped<InboundProcessor>();
            services.AddSingleton<MailboxReader>();
            services.AddSingleton<MailReaderService>();
            services.AddHostedService(sp => sp.GetRequiredService<MailReaderService>());
            services.AddHostedService<OutgoingSender>();
        }

        return builder;
    }

    public static WebApplication MapMailEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name) || !app.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Web))
            return app;
        var mail = app.MapGroup("/api/v1/mail").WithTags("Mail").RequireAuthorization(PlatformPolicies.OrganizationAdmin);
        IntegrationEndpoints.Map(mail);
        OutgoingEndpoints.Map(mail);
        return app;
    }
}
