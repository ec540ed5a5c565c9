using System.Net;
using System.Net.Sockets;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>
/// A second emulator on taken ports, through the real command line: it names the port and what would have listened
/// there, exits 2, and starts nothing first (no DynamoDB Local, no data folder, no function process).
/// </summary>
public sealed class PortInUseTests
{
    [Theory]
    [InlineData("start", "--port", "API Gateway")]
    [InlineData("start", "--lambda-port", "Lambda Invoke API")]
    [InlineData("start-lambda", "--lambda-port", "Lambda Invoke API")]
    public async Task A_taken_port_is_named_and_nothing_is_started(string command, string option, string listener)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var scratch = Directory.CreateTempSubdirectory("port-in-use-");
        var data = Path.Combine(scratch.FullName, "dynamodb-data");
        try
        {
            var args = new List<string> { command, "--template", RepositoryFiles.PathOf("template.yaml"), "--artifacts", AppContext.BaseDirectory, "--data-dir", data };
            if (command == "start") args.AddRange(option == "--port" ? ["--port", $"{port}", "--lambda-port", "0", "--console-port", "0"] : ["--port", "0", "--lambda-port", $"{port}", "--console-port", "0"]);
            else args.AddRange([option, $"{port}"]);

            var (exit, error) = await EmulatorProcess.RunAsync([.. args]);

            Assert.True(exit == 2, $"exit {exit}:\n{error}");
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: port {port} ({listener}) is already in use", line);
            // What holds the port is named: here, this test process's listener.
            Assert.Contains($" by process {Environment.ProcessId} (", line);
            Assert.Contains(option, line);
            Assert.False(Directory.Exists(data), "DynamoDB Local was started on the data folder before the ports were checked");
            Assert.Empty(ProcessTable.DynamoDbLocalsOn(data));
        }
        finally
        {
            foreach (var pid in ProcessTable.DynamoDbLocalsOn(data)) ProcessTable.Kill(pid);
            scratch.Delete(recursive: true);
        }
    }
}
