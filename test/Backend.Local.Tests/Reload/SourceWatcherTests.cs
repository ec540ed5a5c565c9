using System.Collections.Concurrent;
using Backend.Local.Reload;

namespace Backend.Local.Tests.Reload;

/// <summary>A burst of saves is one change; build output is none.</summary>
public sealed class SourceWatcherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("source-watcher-").FullName;

    [Fact]
    public async Task A_burst_of_saves_is_reported_once_as_one_batch_with_every_file()
    {
        var batches = new ConcurrentQueue<IReadOnlyCollection<string>>();
        Directory.CreateDirectory(Path.Combine(_folder, "Project"));
        using var watcher = new SourceWatcher([new WatchedFolder(_folder, true)], TimeSpan.FromMilliseconds(300), (paths, _) => batches.Enqueue(paths));
        for (var i = 0; i < 5; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, "Project", $"File{i}.cs"), "// saved");
            await Task.Delay(20);
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (batches.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(600);

        var batch = Assert.Single(batches);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Path.Combine(_folder, "Project", $"File{i}.cs")), batch.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Writes_in_bin_and_obj_are_not_changes()
    {
        var batches = new ConcurrentQueue<IReadOnlyCollection<string>>();
        Directory.CreateDirectory(Path.Combine(_folder, "obj"));
        Directory.CreateDirectory(Path.Combine(_folder, "bin"));
        using var watcher = new SourceWatcher([new WatchedFolder(_folder, true)], TimeSpan.FromMilliseconds(100), (paths, _) => batches.Enqueue(paths));
        await File.WriteAllTextAsync(Path.Combine(_folder, "obj", "project.assets.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(_folder, "bin", "Backend.Calc.dll"), "x");
        await Task.Delay(1000);
        Assert.Empty(batches);

        // The watcher itself works: a source next to them is reported.
        await File.WriteAllTextAsync(Path.Combine(_folder, "Program.cs"), "// saved");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (batches.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal([Path.Combine(_folder, "Program.cs")], Assert.Single(batches));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
