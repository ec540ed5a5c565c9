using System.Net;
using System.Text;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>
/// `start` serves before DynamoDB Local answers: a function the template does not wire to a table (Calc) is served
/// while the JVM starts; one that uses a table (DynamoDBManager) waits for it and then succeeds. The JVM is held
/// back by a `java` on PATH that waits for a gate file before it runs the real one, so "still starting" is a
/// state the test controls rather than a race against the JVM's seconds.
/// </summary>
public class DynamoDbInBackgroundTests
{
    [Fact]
    public async Task Calc_is_served_while_DynamoDB_Local_starts_and_the_manager_waits_for_it()
    {
        var scratch = Directory.CreateTempSubdirectory("slow-java-");
        var gate = Path.Combine(scratch.FullName, "open");
        var realJava = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "java")).First(File.Exists);
        var java = Path.Combine(scratch.FullName, "java");
        await File.WriteAllTextAsync(java, $"#!/bin/sh\nwhile [ ! -e '{gate}' ]; do sleep 0.1; done\nexec '{realJava}' \"$@\"\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(java, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = scratch.FullName + ":" + Environment.GetEnvironmentVariable("PATH");
        try
        {
            using var emulator = EmulatorProcess.Start(
                ["start", "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--in-memory", "--port", "0", "--lambda-port", "0", "--console-port", "0", "--no-watch"],
                scratch.FullName, new Dictionary<string, string> { ["PATH"] = path });
            await emulator.WaitUntilReadyAsync(tables: false);
            var line = emulator.Output.Split('\n').First(l => l.StartsWith("API Gateway:", StringComparison.Ordinal));
            using var api = new HttpClient { BaseAddress = new Uri(line["API Gateway:".Length..].Trim()), Timeout = TimeSpan.FromSeconds(120) };

            using var calc = await api.GetAsync("/prod/calc?operand1=6&operand2=7&operator=*");
            Assert.Equal(HttpStatusCode.OK, calc.StatusCode);
            Assert.Contains("42", await calc.Content.ReadAsStringAsync());

            var create = api.PostAsync("/prod/DynamoDBManager", new StringContent(
                """{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"background","number":5}}}""", Encoding.UTF8, "application/json"));
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(create.IsCompleted, "the manager's request did not wait for DynamoDB Local");
            Assert.DoesNotContain("DynamoDB Local ready", emulator.Output);

            await File.WriteAllTextAsync(gate, "");
            using var created = await create;
            Assert.True(created.StatusCode == HttpStatusCode.OK, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{emulator.Output}");
            Assert.Contains("DynamoDB Local ready", emulator.Output);
            Assert.Contains("Table lambda-apigateway ready", emulator.Output);

            await emulator.InterruptAsync();
            Assert.Equal(0, emulator.ExitCode);
        }
        finally
        {
            File.WriteAllText(gate, "");
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_DynamoDB_Local_that_cannot_start_ends_the_run_with_its_error_after_serving_began()
    {
        var scratch = Directory.CreateTempSubdirectory("broken-java-");
        var java = Path.Combine(scratch.FullName, "java");
        await File.WriteAllTextAsync(java, "#!/bin/sh\necho 'Error: no JVM in this test' >&2\nexit 1\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(java, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            using var emulator = EmulatorProcess.Start(
                ["start", "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--in-memory", "--port", "0", "--lambda-port", "0", "--console-port", "0", "--no-watch"],
                scratch.FullName, new Dictionary<string, string> { ["PATH"] = scratch.FullName + ":" + Environment.GetEnvironmentVariable("PATH") });
            var (exit, error) = await emulator.WaitForExitAsync(TimeSpan.FromSeconds(120));

            Assert.Equal(2, exit);
            Assert.Contains("Ctrl+C stops everything", emulator.Output);
            Assert.StartsWith("error: DynamoDB Local exited with code 1 before it answered", error);
            Assert.Contains("Error: no JVM in this test", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
