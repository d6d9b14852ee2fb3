namespace Platform.BuildingBlocks;

/// <summary>
/// An event one module publishes for others. Records implementing it live in a module's
/// <c>*.Contracts</c> project; they travel through the outbox and the bus as JSON.
/// </summary>
public interface IIntegrationEvent
{
    Guid OrganizationId { get; }
    DateTimeOffset OccurredAt { get; }
}
