namespace Backend.Local.Hosting;

/// <summary>The files of events/ meant for a function: those named after it (calc-*.json for CalcFunction, dynamodb-* for DynamoDbManagerFunction).</summary>
public static class EventFiles
{
    public static bool AreFor(string file, string logicalId)
    {
        var stem = logicalId.Replace("Function", "", StringComparison.Ordinal).ToLowerInvariant();
        return Path.GetFileName(file).Split('-')[0] is { Length: > 0 } prefix && stem.StartsWith(prefix, StringComparison.Ordinal);
    }
}
