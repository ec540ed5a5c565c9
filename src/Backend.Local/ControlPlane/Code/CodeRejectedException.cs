namespace Backend.Local.ControlPlane.Code;

/// <summary>
/// An uploaded code package Lambda would refuse, with the status, error type and message Lambda
/// answers, so the control plane maps it to a reply without restating any of them.
/// </summary>
public sealed class CodeRejectedException(int status, string errorType, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string ErrorType { get; } = errorType;

    internal static CodeRejectedException NotAZip() => new(400, "InvalidParameterValueException",
        "Could not unzip uploaded file. Please check your file, then try to upload again.");

    internal static CodeRejectedException ZipTooLarge(string operation) => new(413, "RequestEntityTooLargeException",
        $"Request must be smaller than {CodeLimits.RequestBytes} bytes for the {operation} operation");

    internal static CodeRejectedException UnzippedTooLarge(long limit) => new(400, "InvalidParameterValueException",
        $"Unzipped size must be smaller than {limit} bytes");

    internal static CodeRejectedException EscapingEntry(string name) => new(400, "InvalidParameterValueException",
        $"Zip entry '{name}' escapes the function's folder: refused, nothing was written");

    internal static CodeRejectedException SymlinkEntry(string name) => new(400, "InvalidParameterValueException",
        $"Zip entry '{name}' is a symbolic link: refused, nothing was written");

    internal static CodeRejectedException DuplicateEntry(string name) => new(400, "InvalidParameterValueException",
        $"Zip entry '{name}' names a path another entry already uses: refused, nothing was written");
}
