using System.Globalization;

namespace Backend.Local.ControlPlane;

/// <summary>RevisionIds and LastModified times as Lambda writes them.</summary>
public static class Revisions
{
    public static string New() => Guid.NewGuid().ToString();

    public static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", CultureInfo.InvariantCulture);

    /// <summary>Optimistic concurrency: a RevisionId given by the client must be the current one.</summary>
    public static void Check(string? given, string current)
    {
        if (given is not null && given != current) throw new LambdaApi.LambdaApiException(LambdaApi.LambdaApiErrors.RevisionMismatch());
    }
}
