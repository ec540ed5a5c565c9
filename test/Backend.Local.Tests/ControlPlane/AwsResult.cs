using System.Text.Json;
using Xunit.Sdk;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>How an AWS client (the CLI or a boto3 script) exited and what it printed.</summary>
public sealed record AwsResult(int ExitCode, string Output, string Error)
{
    /// <summary>stdout parsed as JSON (anew on each read, so the record stays immutable); a test that expects JSON and gets an error fails showing stderr.</summary>
    public JsonElement Json => Parse();

    private JsonElement Parse()
    {
        try
        {
            using var document = JsonDocument.Parse(Output);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new XunitException($"expected JSON on stdout (exit code {ExitCode}): {e.Message}\nstdout:\n{Output}\nstderr:\n{Error}");
        }
    }
}
