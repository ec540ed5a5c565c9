using System.Text;
using System.Text.Json;
using Backend.Local.Runtime;

namespace Backend.Local.Hosting;

/// <summary>`invoke Function -e event.json`: one cold invocation, like `sam local invoke`.</summary>
internal static class InvokeCommand
{
    public static async Task<int> RunAsync(LocalServerOptions options, string logicalId, string eventFile, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken)
    {
        var payload = await ReadEventAsync(eventFile, input, cancellationToken);
        var functions = options.Template.Model.Functions;
        if (functions.All(f => f.LogicalId != logicalId))
            throw new UsageException($"{logicalId} is not a function of {options.Template.Path} (functions: {string.Join(", ", functions.Select(f => f.LogicalId))})");

        // Progress and the function's log go to stderr, so stdout carries the result alone.
        await using var server = await LocalServer.StartAsync(options with
        {
            ApiPort = null,
            LambdaPort = null,
            OnlyFunctions = [logicalId],
            Console = error,
            Logs = new LogSink(error, prefixWithFunctionName: false),
        }, cancellationToken);
        var function = server.Catalog.Find(logicalId)!;
        var result = await server.Functions.Find(function.Name)!.InvokeAsync(new Invocation(payload), cancellationToken);
        await output.WriteLineAsync(Encoding.UTF8.GetString(result.Payload));
        return result.IsError ? 1 : 0;
    }

    private static async Task<byte[]> ReadEventAsync(string eventFile, TextReader input, CancellationToken cancellationToken)
    {
        try
        {
            var payload = eventFile == "-" ? Encoding.UTF8.GetBytes(await input.ReadToEndAsync(cancellationToken)) : await File.ReadAllBytesAsync(eventFile, cancellationToken);
            using var _ = JsonDocument.Parse(payload);
            return payload;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new UsageException($"the event {(eventFile == "-" ? "on standard input" : eventFile)} is not readable JSON: {e.Message}");
        }
    }
}
