using System.Diagnostics;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests.Reload;

/// <summary>
/// This repository's tracked files (`git ls-files`) copied into a temporary folder: hot-reload tests edit its sources
/// and template.yaml, never the repository's. Disposing removes it, with what its emulator built there.
/// </summary>
public sealed class ProjectCopy : IDisposable
{
    public ProjectCopy()
    {
        Root = Directory.CreateTempSubdirectory("backend-reload-").FullName;
        foreach (var file in TrackedFiles())
        {
            var target = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepositoryFiles.Root, file), target);
        }
    }

    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Replaces text in a file of the copy, as an editor's save would; fails when the text is not there.</summary>
    public void Edit(string relativePath, string before, string after)
    {
        var path = PathOf(relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(before, text);
        File.WriteAllText(path, text.Replace(before, after, StringComparison.Ordinal));
    }

    private static IEnumerable<string> TrackedFiles()
    {
        var git = new ProcessStartInfo("git") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = RepositoryFiles.Root };
        foreach (var arg in new[] { "ls-files", "-z" }) git.ArgumentList.Add(arg);
        using var process = Process.Start(git)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        // Files deleted in the working tree but not yet from the index are not copied.
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(RepositoryFiles.Root, f)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held a moment after the emulator stopped: the temp folder is the system's to clean.
        }
    }
}
