using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>A file to put in a test deployment package, with its Unix permission bits.</summary>
public sealed record ZipFileEntry(string Name, byte[] Content, int UnixMode = TestZips.ReadableMode)
{
    public ZipFileEntry(string name, string content, int unixMode = TestZips.ReadableMode)
        : this(name, Encoding.UTF8.GetBytes(content), unixMode) { }
}

/// <summary>
/// Deployment packages (.zip bytes) for control-plane tests, built in memory. Entries carry a fixed
/// timestamp, so the same files always make the same bytes and the same CodeSha256.
/// </summary>
public static partial class TestZips
{
    public const int ExecutableMode = 0x1ED; // 0755
    public const int ReadableMode = 0x1A4; // 0644
    private const int RegularFile = 0x8000; // S_IFREG
    private static readonly DateTimeOffset FixedTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A provided.al2023 package: <c>bootstrap</c> (0755) at the root holding <paramref name="script"/>, plus <paramref name="extraFiles"/>.</summary>
    public static byte[] ProvidedBootstrap(string script, params ZipFileEntry[] extraFiles) =>
        Zip([new ZipFileEntry("bootstrap", script, ExecutableMode), .. extraFiles]);

    /// <summary>
    /// A POSIX sh bootstrap in the style of AWS's custom-runtime tutorial: it answers every invocation
    /// with <c>{"marker":"&lt;marker&gt;","event":&lt;event&gt;}</c>, so a test can tell which code version ran.
    /// </summary>
    /// <param name="marker">letters, digits and <c>.-_:</c> only, so it needs no quoting in sh or JSON.</param>
    public static byte[] ShellEchoBootstrap(string marker) => ProvidedBootstrap(ShellEchoScript(marker));

    /// <summary>The script inside <see cref="ShellEchoBootstrap"/>.</summary>
    public static string ShellEchoScript(string marker)
    {
        if (!SafeMarker().IsMatch(marker)) throw new ArgumentException($"marker '{marker}' must match {SafeMarker()}", nameof(marker));
        return RuntimeLoopScript($$"""
            echo "echo bootstrap {{marker}} handling $REQUEST_ID" >&2
            RESPONSE=$(printf '{"marker":"%s","event":%s}' '{{marker}}' "$EVENT_DATA")
            """);
    }

    /// <summary>
    /// A POSIX sh bootstrap's Runtime API loop: for each invocation, <paramref name="handle"/> runs with the event in
    /// <c>EVENT_DATA</c> and its id in <c>REQUEST_ID</c>, and sets <c>RESPONSE</c>, which is posted as the answer.
    /// </summary>
    public static string RuntimeLoopScript(string handle) =>
        // AWS_LAMBDA_RUNTIME_API may carry a path prefix after host:port, so every URL starts with it whole.
        // curl -f makes an error answer from /next (the emulator shutting the runtime down) end the loop under set -e.
        $$"""
        #!/bin/sh
        set -eu
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        HEADERS="$(mktemp)"
        trap 'rm -f "$HEADERS"' EXIT
        while true
        do
          EVENT_DATA=$(curl -sS -f -LD "$HEADERS" "$API/invocation/next")
          REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2-)
        {{handle.ReplaceLineEndings("\n")}}
          curl -sS -f -o /dev/null -H 'Content-Type: application/json' --data-binary "$RESPONSE" "$API/invocation/$REQUEST_ID/response"
        done
        """.ReplaceLineEndings("\n") + "\n";

    /// <summary>A bootstrap without the execute bit (0644): Lambda cannot start it.</summary>
    public static byte[] NonExecutableBootstrap() =>
        Zip([new ZipFileEntry("bootstrap", ShellEchoScript("not-executable"), ReadableMode)]);

    /// <summary>A package with a script but no <c>bootstrap</c> at its root.</summary>
    public static byte[] WithoutBootstrap() =>
        Zip([new ZipFileEntry("handler.sh", ShellEchoScript("no-bootstrap"), ExecutableMode), new ZipFileEntry("lib/bootstrap", "#!/bin/sh\n", ExecutableMode)]);

    /// <summary>A zip of <paramref name="entries"/>, each a regular file with its Unix mode in the external attributes.</summary>
    public static byte[] Zip(IEnumerable<ZipFileEntry> entries, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in entries)
            {
                var entry = archive.CreateEntry(file.Name, level);
                SetUnixFile(entry, file.UnixMode);
                using var stream = entry.Open();
                stream.Write(file.Content);
            }
        }
        return buffer.ToArray();
    }

    private static void SetUnixFile(ZipArchiveEntry entry, int unixMode)
    {
        // unzip and Lambda read st_mode from the high 16 bits (the archive is marked as made on Unix).
        entry.ExternalAttributes = (RegularFile | unixMode) << 16;
        entry.LastWriteTime = FixedTime;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex SafeMarker();
}
