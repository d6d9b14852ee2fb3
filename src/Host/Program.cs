using Platform.Gateway;
using Platform.Host;
using Platform.Host.Cli;
using Platform.Host.Cluster;
using Platform.Modules.Catalogs;
using Platform.Modules.Files;
using Platform.Modules.Forms;
using Platform.Modules.Identity;
using Platform.Modules.Mail;
using Platform.Modules.Realtime;
using Platform.Modules.Tasks;
using Platform.ServiceDefaults;

// One binary, many shapes: `--roles web,files` (or Platform__Roles) picks the modules this node
// runs; `migrate` and `create-organization` are one-shot commands. See README "Roles".
var command = HostCommand.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);
if (!builder.TryAddPlatformNode(command))
    return 2;

builder.AddServiceDefaults();
builder.AddIdentityModule();
builder.AddTasksModule();
builder.AddRealtimeModule();
builder.AddCatalogsModule();
builder.AddFormsModule();
builder.AddFilesModule();
builder.AddMailModule();
builder.AddGateway();
builder.AddPlatformBus();

var app = builder.Build();
if (!await app.TryPrepareDatabaseAsync(always: command.Kind != HostCommandKind.Run))
    return 2;
if (command.Kind != HostCommandKind.Run)
    return await command.ExecuteAsync(app);

app.UsePlatformPipeline();
app.MapDefaultEndpoints();
app.MapNodeInfo();
app.MapClusterEndpoints();
app.MapIdentityEndpoints();
app.MapTasksEndpoints();
app.MapRealtimeEndpoints();
app.MapCatalogsEndpoints();
app.MapFormsEndpoints();
app.MapFilesEndpoints();
app.MapMailEndpoints();
app.MapGateway();
app.MapWebClient();

await app.RunAsync();
return 0;
