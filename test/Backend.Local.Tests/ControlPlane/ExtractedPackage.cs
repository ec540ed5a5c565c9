using System.Diagnostics;
using System.IO.Compression;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// A deployment package unpacked into a fresh temporary folder (Unix modes kept, as Lambda keeps them),
/// to run its entry point outside the emulator. Disposing kills what was started and deletes the folder.
/// </summary>
public sealed class ExtractedPackage : IDisposable
{
    private readonly List<Process> _started = [];

    public ExtractedPackage(byte[] zip)
    {
        Folder = Directory.CreateTempSubdirectory("backend-package-").FullName;
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        archive.ExtractToDirectory(Folder);
    }

    public string Folder { get; }

    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Starts <paramref name="program"/> in the package folder (Lambda's /var/task), output captured.</summary>
    public Process Start(string program, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        _started.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        Directory.Delete(Folder, recursive: true);
    }
}
