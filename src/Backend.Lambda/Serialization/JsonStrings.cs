namespace Backend.Lambda.Serialization;

/// <summary>
/// JSON may hold a string .NET cannot read: an unpaired surrogate escape ("\ud800") is valid JSON text, and
/// System.Text.Json accepts it (and invalid UTF-8 inside a string) when parsing, then throws an
/// InvalidOperationException when the string is read or written. That is the caller's bad input, not our failure.
/// </summary>
public static class JsonStrings
{
    public const string UnreadableMessage = "a string in the request is not valid Unicode (an unpaired surrogate escape such as \\ud800, or invalid UTF-8)";

    /// <summary>
    /// True for System.Text.Json's refusal to read a string that is not valid UTF-16 or UTF-8 ("Cannot read
    /// invalid UTF-16 JSON text as string", "… incomplete UTF-16 JSON text …", "Cannot transcode invalid UTF-8
    /// JSON text"): the exception carries nothing else to tell it apart, and the property tests would catch a
    /// change of wording.
    /// </summary>
    public static bool IsUnreadableString(Exception exception) =>
        exception is InvalidOperationException e
        && (e.Message.Contains("UTF-16 JSON text", StringComparison.Ordinal) || e.Message.Contains("UTF-8 JSON text", StringComparison.Ordinal));
}
