using System.Net;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>
/// The real emulator killed with SIGKILL: its DynamoDB Local JVM outlives it. The next start on the same data
/// folder stops that JVM instead of running a second server beside it, and no acknowledged write is lost.
/// Neither leaves DynamoDB Local's metadata file in the folder it was started from.
/// </summary>
/// <remarks>In the repository server's collection, so it never starts while the heavy load tests run.</remarks>
[Collection("repository server")]
public sealed class KilledEmulatorTests
{
    [Fact]
    public async Task After_kill_9_the_next_start_stops_the_orphaned_DynamoDB_Local_and_keeps_its_data()
    {
        var scratch = Directory.CreateTempSubdirectory("killed-emulator-");
        var data = Path.Combine(scratch.FullName, "dynamodb-data");
        var workingDirectory = Directory.CreateDirectory(Path.Combine(scratch.FullName, "cwd")).FullName;
        var leftBehind = new List<int>();
        var id = "orphan-" + Guid.NewGuid().ToString("N");
        try
        {
            int orphan;
            using (var first = Start(data, workingDirectory))
            {
                await first.WaitUntilReadyAsync();
                using var api = first.ApiClient();
                var created = await api.PostAsync("/prod/DynamoDBManager", new StringContent($$$$"""{"operation":"create","payload":{"Item":{"id":"{{{{id}}}}","name":"Bob"}}}"""));
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
                orphan = Assert.Single(ProcessTable.DynamoDbLocalsOn(data));
                leftBehind.AddRange(ProcessTable.Descendants(first.Id));

                await first.KillAloneAsync();
            }
            Assert.True(ProcessTable.Alive(orphan), "the JVM died with the emulator: nothing left to recover from");

            using (var second = Start(data, workingDirectory))
            {
                await second.WaitUntilReadyAsync();
                leftBehind.AddRange(ProcessTable.Descendants(second.Id));

                var serving = Assert.Single(ProcessTable.DynamoDbLocalsOn(data));
                Assert.NotEqual(orphan, serving);
                Assert.False(ProcessTable.Alive(orphan), "the orphaned DynamoDB Local still runs beside the new one");
                Assert.Contains($"Stopping DynamoDB Local (process {orphan})", second.Output);
                using var api = second.ApiClient();
                var read = await api.PostAsync("/prod/DynamoDBManager", new StringContent($$$$"""{"operation":"read","payload":{"Key":{"id":"{{{{id}}}}"}}}"""));
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                Assert.Contains("\"Bob\"", await read.Content.ReadAsStringAsync());

                await second.InterruptAsync();
                Assert.Equal(0, second.ExitCode);
            }
            Assert.Empty(ProcessTable.DynamoDbLocalsOn(data));
            Assert.False(File.Exists(Path.Combine(data, "dynamodb-local.pid")), "a stopped server's record stays behind");
            Assert.False(File.Exists(Path.Combine(workingDirectory, "dynamodb-local-metadata.json")), "DynamoDB Local wrote into the folder the emulator was started from");
        }
        finally
        {
            foreach (var pid in leftBehind.Concat(ProcessTable.DynamoDbLocalsOn(data))) ProcessTable.Kill(pid);
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_second_emulator_on_a_data_folder_in_use_is_refused()
    {
        var scratch = Directory.CreateTempSubdirectory("busy-data-");
        var data = Path.Combine(scratch.FullName, "dynamodb-data");
        try
        {
            using var first = Start(data, scratch.FullName);
            await first.WaitUntilReadyAsync();

            var (exit, error) = await EmulatorProcess.RunAsync("start", "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory,
                "--data-dir", data, "--port", "0", "--lambda-port", "0", "--console-port", "0");

            Assert.True(exit == 2, $"exit {exit}:\n{error}");
            Assert.StartsWith($"error: the data folder {data} is in use by another emulator (process {first.Id}", error);
            Assert.DoesNotContain("   at ", error);
            Assert.Single(ProcessTable.DynamoDbLocalsOn(data));
            await first.InterruptAsync();
        }
        finally
        {
            foreach (var pid in ProcessTable.DynamoDbLocalsOn(data)) ProcessTable.Kill(pid);
            scratch.Delete(recursive: true);
        }
    }

    private static EmulatorProcess Start(string data, string workingDirectory) => EmulatorProcess.Start(
        ["start", "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--data-dir", data, "--port", "0", "--lambda-port", "0", "--console-port", "0"],
        workingDirectory);
}
