namespace Backend.Local.Http;

/// <summary>
/// A path template such as <c>/2015-03-31/functions/{name}/invocations</c>: '/'-separated literal segments and
/// {parameter} segments, each one whole, non-empty segment. Matching is ordinal, on the path as the server decoded
/// it (an encoded '/' stays "%2F", inside its segment, so a parameter never spans two segments), and ignores
/// trailing slashes. It allocates nothing: values are read from the path only when a handler asks for them.
/// </summary>
public sealed class PathTemplate
{
    private readonly string?[] _literals; // null where the segment is a parameter
    private readonly int[] _parameterIndex;
    private readonly string[] _names;

    private PathTemplate(string?[] literals, int[] parameterIndex, string[] names)
    {
        _literals = literals;
        _parameterIndex = parameterIndex;
        _names = names;
    }

    public static PathTemplate Parse(string template)
    {
        if (!template.StartsWith('/')) throw new ArgumentException($"a path template starts with '/': {template}", nameof(template));
        var segments = template[1..].TrimEnd('/').Split('/');
        var literals = new string?[segments.Length];
        var parameterIndex = new int[segments.Length];
        var names = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0) throw new ArgumentException($"an empty segment in the path template {template}", nameof(template));
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                parameterIndex[i] = names.Count;
                names.Add(segment[1..^1]);
            }
            else
            {
                literals[i] = segment;
            }
        }
        if (names.Count > PathValues.MaxParameters) throw new ArgumentException($"more than {PathValues.MaxParameters} parameters in {template}", nameof(template));
        return new PathTemplate(literals, parameterIndex, [.. names]);
    }

    public bool TryMatch(string path, out PathValues values)
    {
        values = default;
        if (path.Length == 0 || path[0] != '/') return false;
        var end = path.Length;
        while (end > 1 && path[end - 1] == '/') end--;
        var found = new PathValues(path, _names);
        var position = 1;
        for (var i = 0; i < _literals.Length; i++)
        {
            if (position > end) return false; // the path has fewer segments
            var slash = path.IndexOf('/', position, end - position);
            var segmentEnd = slash < 0 ? end : slash;
            var segment = path.AsSpan(position, segmentEnd - position);
            if (_literals[i] is { } literal)
            {
                if (!segment.SequenceEqual(literal)) return false;
            }
            else
            {
                if (segment.IsEmpty) return false;
                found.Set(_parameterIndex[i], position..segmentEnd);
            }
            position = segmentEnd + 1;
        }
        if (position <= end) return false; // the path has more segments
        values = found;
        return true;
    }
}
