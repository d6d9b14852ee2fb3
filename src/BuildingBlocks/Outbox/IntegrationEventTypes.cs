using Platform.BuildingBlocks;
using System.Collections.Concurrent;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// The event types the relay may deserialize. Only registered contract types are ever
/// instantiated from stored JSON: the type column never names an arbitrary CLR type.
/// </summary>
public static class IntegrationEventTypes
{
    private static readonly ConcurrentDictionary<string, Type> ByName = new(StringComparer.Ordinal);

    public static void Register<T>() where T : IIntegrationEvent => ByName[NameOf(typeof(T))] = typeof(T);

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public static Type? Find(string name) => ByName.TryGetValue(name, out var type) ? type : null;
}
