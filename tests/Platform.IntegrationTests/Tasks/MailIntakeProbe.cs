using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Mail.Contracts;

namespace Platform.IntegrationTests.Tasks;

/// <summary>
/// Delivers mail events on the host's real bus, as Mail's outbox relay would, and watches what Tasks does with them:
/// through the API, the Tasks outbox (what Mail and Realtime will hear) and the bus's consume observers.
/// </summary>
internal sealed class MailIntakeProbe(PlatformApp app)
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static MailMessageReceived Received(Guid organizationId, Guid responsibleId, MailCorrespondent from, string policy = MailSenderPolicies.Members,
        Guid? taskId = null, IReadOnlyList<MailCorrespondent>? cc = null, IReadOnlyList<Guid>? participantIds = null, Guid? listId = null,
        string subject = "A subject", string text = "A text") =>
        new(organizationId, Guid.CreateVersion7(), Guid.NewGuid(), taskId, listId, responsibleId, participantIds ?? [], policy, from, cc ?? [],
            subject, text, DateTimeOffset.UtcNow);

    public Task PublishAsync(MailMessageReceived mail) => app.Services.GetRequiredService<IBus>().Publish(mail);

    /// <summary>Publishes and waits for the MailMessageHandled that Tasks stores in the same transaction as its work.</summary>
    public async Task<JsonElement> ReceiveAsync(MailMessageReceived mail)
    {
        await PublishAsync(mail);
        return await HandledAsync(mail.MessageId);
    }

    public async Task<JsonElement> HandledAsync(Guid messageId) =>
        (await EventuallyAsync(async () => await OutboxAsync<MailMessageHandled>("messageId", messageId) is { Count: > 0 } rows ? rows : null,
            $"MailMessageHandled for {messageId}"))[0];

    /// <summary>The payloads of the Tasks outbox rows of one event type whose <paramref name="field"/> is <paramref name="id"/>.</summary>
    public async Task<List<JsonElement>> OutboxAsync<TEvent>(string field, Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload::text FROM tasks.outbox_messages WHERE type = @type AND payload->>@field = @id ORDER BY occurred_at", connection);
        command.Parameters.AddWithValue("type", typeof(TEvent).FullName!);
        command.Parameters.AddWithValue("field", field);
        command.Parameters.AddWithValue("id", id.ToString());
        var rows = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        return rows;
    }

    public async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The task as <paramref name="user"/> sees it, once it exists.</summary>
    public static Task<TaskDto> TaskAsync(TestUser user, Guid taskId) =>
        EventuallyAsync(async () =>
        {
            var response = await user.Client.GetAsync($"/api/v1/tasks/{taskId}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<TaskDto>() : null;
        }, $"task {taskId}");

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (await probe() is { } found)
                return found;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"No {what} within {Wait.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}

/// <summary>Counts the deliveries of one mail message that Tasks finished consuming, and those that threw.</summary>
internal sealed class ConsumedMail(Guid messageId) : IConsumeObserver
{
    private int consumed;
    private int faulted;

    public int Consumed => Volatile.Read(ref consumed);
    public int Faulted => Volatile.Read(ref faulted);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is MailMessageReceived mail && mail.MessageId == messageId)
            Interlocked.Increment(ref consumed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        if (context.Message is MailMessageReceived mail && mail.MessageId == messageId)
            Interlocked.Increment(ref faulted);
        return Task.CompletedTask;
    }
}
