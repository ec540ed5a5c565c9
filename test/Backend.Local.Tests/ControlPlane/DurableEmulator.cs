using System.Net.Http.Json;
using System.Text.Json;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// A temporary folder holding a copy of faulty-template.yaml (three dotnet functions, no tables, so no DynamoDB Local
/// to start or orphan), where the real CLI runs `start-lambda` as a process: its Lambda API state goes to this
/// folder's <c>.local/lambda</c>, never the repository's. Disposing kills whatever still runs and deletes the folder.
/// </summary>
internal sealed class DurableEmulator : IDisposable
{
    private readonly List<int> _leftBehind = [];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cp-durability-");

    public DurableEmulator()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "faulty-template.yaml"), TemplatePath);
    }

    /// <summary>A function of the template (served from the test bin's Backend.FaultyFunction.dll).</summary>
    public const string TemplateFunction = "Faulty";

    public string Folder => _folder.FullName;
    public string TemplatePath => Path.Combine(Folder, "template.yaml");
    public string FunctionsFolder => Path.Combine(Folder, ".local", "lambda", "functions");

    public EmulatorProcess? Current { get; private set; }

    /// <summary>Starts the CLI on this folder and waits for its banner.</summary>
    public async Task<EmulatorProcess> StartAsync(bool inMemory = false)
    {
        string[] args = ["start-lambda", "--template", TemplatePath, "--artifacts", AppContext.BaseDirectory, "--lambda-port", "0"];
        var emulator = EmulatorProcess.Start(inMemory ? [.. args, "--in-memory"] : args, Folder);
        Current = emulator;
        await emulator.WaitUntilReadyAsync();
        return emulator;
    }

    /// <summary>The Lambda API's address, from the banner (--lambda-port 0 picks a free port).</summary>
    public Uri LambdaUrl
    {
        get
        {
            var line = Current!.Output.Split('\n').First(l => l.StartsWith("Lambda API:", StringComparison.Ordinal) && l.Contains("(functions:", StringComparison.Ordinal));
            return new Uri(line["Lambda API:".Length..].Trim().Split(' ')[0]);
        }
    }

    public HttpClient Client() => new() { BaseAddress = LambdaUrl, Timeout = TimeSpan.FromSeconds(60) };

    public Boto3 Boto3() => new(LambdaUrl);

    /// <summary>Ctrl+C, as a user stops it; it must exit cleanly.</summary>
    public async Task StopAsync()
    {
        var emulator = Current!;
        await emulator.InterruptAsync();
        Assert.True(emulator.ExitCode == 0, $"exit {emulator.ExitCode}:\n{emulator.Output}\n{emulator.Error}");
        emulator.Dispose();
        Current = null;
    }

    /// <summary>kill -9 of the emulator alone; its function processes are remembered, to be killed at the end.</summary>
    public async Task KillAsync()
    {
        var emulator = Current!;
        _leftBehind.AddRange(ProcessTable.Descendants(emulator.Id));
        await emulator.KillAloneAsync();
        emulator.Dispose();
        Current = null;
    }

    /// <summary>The function files the emulator stored (none when the folder does not exist).</summary>
    public string[] StoredFiles() =>
        Directory.Exists(FunctionsFolder) ? [.. Directory.GetFiles(FunctionsFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];

    /// <summary>Nothing like a crash: no unhandled exception, no stack trace.</summary>
    public static void AssertNoCrash(EmulatorProcess emulator)
    {
        var printed = emulator.Output + emulator.Error;
        Assert.DoesNotContain("Unhandled exception", printed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", printed);
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    public void Dispose()
    {
        Current?.Dispose();
        foreach (var pid in _leftBehind) ProcessTable.Kill(pid);
        _folder.Delete(recursive: true);
    }
}
