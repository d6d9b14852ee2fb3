using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Database;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modularity;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Tasks.Access;
using Platform.Modules.Files.Contracts;
using Platform.Modules.Tasks.AddComment;
using Platform.Modules.Tasks.Attachments;
using Platform.Modules.Tasks.Calendar;
using Platform.Modules.Tasks.Inbox;
using Platform.Modules.Tasks.Lists;
using Platform.Modules.Tasks.Changes;
using Platform.Modules.Tasks.CloseTask;
using Platform.Modules.Tasks.EditTask;
using Platform.Modules.Tasks.FormTasks;
using Platform.Modules.Tasks.Participants;
using Platform.Modules.Tasks.Register;
using Platform.Modules.Tasks.Subscribers;
using Platform.Modules.Tasks.Contracts;
using Platform.Modules.Tasks.CreateTask;
using Platform.Modules.Tasks.Data;
using Platform.Modules.Tasks.GetTask;
using Platform.Modules.Tasks.ListTasks;
using Platform.Modules.Tasks.MailIntake;
using Platform.Modules.Mail.Contracts;

namespace Platform.Modules.Tasks;

/// <summary>Tasks and their comment streams (the seed's web-api). Runs on <c>web</c> nodes.</summary>
public static class TasksModule
{
    public const string Name = "tasks";

    public static IHostApplicationBuilder AddTasksModule(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.GetModuleCatalog().TryLoad(Name, PlatformRoles.Web))
        {
            // Files nodes serve downloads of task attachments: they need to know who may see a task, nothing else.
            if (builder.Services.GetModuleCatalog().NodeRoles.Has(PlatformRoles.Files))
            {
                builder.Services.AddModuleDbContext<TasksDbContext>(TasksDbContext.Schema);
                builder.Services.AddScoped<TaskAccess>();
                builder.Services.AddScoped<IFileAccessRule, TaskFileAccessRule>();
            }

            return builder;
        }

        IntegrationEventTypes.Register<TaskCreated>();
        IntegrationEventTypes.Register<TaskCommented>();
        // Mail's side of the conversation: what became of a received message, and comments to send by e-mail.
        IntegrationEventTypes.Register<MailMessageHandled>();
        IntegrationEventTypes.Register<TaskMailRequested>();
        builder.Services.AddOutboxRelay(TasksDbContext.Schema);
        builder.Services.AddModuleDbContext<TasksDbContext>(TasksDbContext.Schema);
        builder.Services.AddScoped<TaskChanges>();
        builder.Services.AddScoped<FormTaskService>();
        builder.Services.AddScoped<FormReferenceCheck>();
        builder.Services.AddScoped<TaskAccess>();
        builder.Services.AddScoped<IFileAccessRule, TaskFileAccessRule>();
        builder.Services.AddScoped<TaskAttachments>();
        builder.Services.AddScoped<MailTaskCreation>();
        builder.Services.AddScoped<MailReply>();
        builder.Services.AddModuleConsumers(bus => bus.AddConsumer<MailIntakeConsumer>());
        return builder;
    }

    public static WebApplication MapTasksEndpoints(this WebApplication app)
    {
        if (!app.GetModuleCatalog().IsLoaded(Name))
            return app;
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks").RequireAuthorization(PlatformPolicies.Member)
            .AddEndpointFilter<IdempotencyFilter<TasksDbContext>>();
        CreateTaskEndpoint.Map(tasks);
        ListTasksEndpoint.Map(tasks);
        GetTaskEndpoint.Map(tasks);
        AddCommentEndpoint.Map(tasks);
        EditTaskEndpoint.Map(tasks);
        CloseTaskEndpoints.Map(tasks);
        ParticipantEndpoints.Map(tasks);
        SubscriberEndpoints.Map(tasks);
        FormTaskEndpoints.Map(tasks);
        var api = app.MapGroup("/api/v1").WithTags("Tasks").RequireAuthorization(PlatformPolicies.Member);
        InboxEndpoints.Map(api, tasks);
        CalendarEndpoint.Map(api);
        ListEndpoints.Map(api);
        ListTaskEndpoints.Map(api, tasks);
        RegisterEndpoint.Map(api);
        return app;
    }
}
