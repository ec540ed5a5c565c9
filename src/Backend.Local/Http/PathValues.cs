using System.Runtime.CompilerServices;

namespace Backend.Local.Http;

/// <summary>The {parameter} values of a matched path, read (as the server decoded them) only when asked for.</summary>
public struct PathValues
{
    public const int MaxParameters = 4;

    private readonly string _path;
    private readonly string[] _names;
    private Ranges _ranges;

    internal PathValues(string path, string[] names)
    {
        _path = path;
        _names = names;
    }

    public readonly string this[string name]
    {
        get
        {
            var index = Array.IndexOf(_names ?? [], name);
            if (index < 0) throw new ArgumentException($"no path parameter {name}", nameof(name));
            return _path[_ranges[index]];
        }
    }

    internal void Set(int index, Range range) => _ranges[index] = range;

    [InlineArray(MaxParameters)]
    private struct Ranges
    {
        private Range _first;
    }
}
