using System.Collections.Concurrent;

namespace Backend.Local.Runtime;

/// <summary>
/// Every live instance by id, whatever pool (function, version, retired or current) it belongs to: the Runtime API
/// finds the instance a request came from here, since a retired pool's busy instance still has to answer.
/// </summary>
public sealed class InstanceDirectory
{
    private readonly ConcurrentDictionary<string, FunctionInstance> _byId = new(StringComparer.Ordinal);

    public void Add(FunctionInstance instance) => _byId[instance.Id] = instance;

    public void Remove(FunctionInstance instance) => _byId.TryRemove(new(instance.Id, instance));

    public FunctionInstance? Find(string id) => _byId.GetValueOrDefault(id);
}
