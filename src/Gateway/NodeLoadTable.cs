using System.Collections.Frozen;

namespace Platform.Gateway;

/// <summary>The load each node last reported, by node id (refreshed with the routes).</summary>
internal sealed class NodeLoadTable
{
    private volatile FrozenDictionary<string, RegistryNode> _nodes = FrozenDictionary<string, RegistryNode>.Empty;

    public void Update(IEnumerable<RegistryNode> nodes) => _nodes = nodes.ToFrozenDictionary(n => n.Id);

    public RegistryNode? Find(string nodeId) => _nodes.GetValueOrDefault(nodeId);
}
