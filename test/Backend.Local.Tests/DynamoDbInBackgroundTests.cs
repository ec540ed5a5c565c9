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
        var path = await StandInJavaAsync(scratch.FullName, $"while [ ! -e '{gate}' ]; do sleep 0.1; done\nexec '{realJava}' \"$@\"");
        try
        {
            using var emulator = EmulatorProcess.Start(
                ["start", "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--in-memory", "--port", "0", "--lambda-port", "0", "--console-port", "0", "--no-watch"],
                scratch.FullName, new Dictionary<string, string> { ["PATH"] = path });
            await emulator.WaitUntilReadyAsync(tables: false);
            using var api = emulator.ApiClient();

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
        var path = await StandInJavaAsync(scratch.FullName, "echo 'Error: no JVM in this test' >&2\nexit 1");
        try
        {
            using var emulator = EmulatorProcess.Start(
                ["start", "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--in-memory", "--port", "0", "--lambda-port", "0", "--console-port", "0", "--no-watch"],
                scratch.FullName, new Dictionary<string, string> { ["PATH"] = path });
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

    /// <summary>Writes a `java` shell script running <paramref name="body"/> into the folder; the PATH that finds it first.</summary>
    private static async Task<string> StandInJavaAsync(string folder, string body)
    {
        var java = Path.Combine(folder, "java");
        await File.WriteAllTextAsync(java, $"#!/bin/sh\n{body}\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(java, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder + ":" + Environment.GetEnvironmentVariable("PATH");
    }
}
