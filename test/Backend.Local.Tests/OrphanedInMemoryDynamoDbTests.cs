using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>
/// An in-memory DynamoDB Local outlives its emulator killed with SIGKILL; the next start stops it. Any emulator
/// starting on the repository's template reaps such an orphan (`invoke`, generate-event piped to invoke, other
/// fixtures), so this test runs alone: otherwise another start may stop the orphan first and say so in its own output.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class OrphanedInMemoryDynamoDbTests
{
    [Fact]
    public async Task After_kill_9_an_in_memory_DynamoDB_Local_is_stopped_by_the_next_start()
    {
        var leftBehind = new List<int>();
        try
        {
            int orphan;
            using (var first = EmulatorProcess.Start(["start-lambda", "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--in-memory", "--lambda-port", "0"]))
            {
                await first.WaitUntilReadyAsync();
                leftBehind.AddRange(ProcessTable.Descendants(first.Id));
                orphan = Assert.Single(leftBehind, pid => ProcessTable.CommandLine(pid).Contains("DynamoDBLocal.jar", StringComparison.Ordinal));
                await first.KillAloneAsync();
            }
            Assert.True(ProcessTable.Alive(orphan), "the JVM died with the emulator: nothing left to recover from");

            using var second = EmulatorProcess.Start(["start-lambda", "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--in-memory", "--lambda-port", "0"]);
            await second.WaitUntilReadyAsync();
            leftBehind.AddRange(ProcessTable.Descendants(second.Id));

            Assert.False(ProcessTable.Alive(orphan), "the orphaned in-memory DynamoDB Local still runs");
            Assert.Contains($"Stopping DynamoDB Local (process {orphan}, in memory)", second.Output);
            await second.InterruptAsync();
            Assert.Equal(0, second.ExitCode);
        }
        finally
        {
            foreach (var pid in leftBehind) ProcessTable.Kill(pid);
        }
    }
}

/// <summary>Tests that must not overlap any other test's emulator start: xunit runs this collection after the others, alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
