using System.Text;
using System.Text.Json;
using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>`invoke Function -e event.json`: one cold invocation, like `sam local invoke`.</summary>
internal static class InvokeCommand
{
    public static async Task<int> RunAsync(LocalServerOptions options, string logicalId, string eventFile, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken)
    {
        byte[] payload;
        try
        {
            payload = eventFile == "-" ? Encoding.UTF8.GetBytes(await input.ReadToEndAsync(cancellationToken)) : await File.ReadAllBytesAsync(eventFile, cancellationToken);
            using var _ = JsonDocument.Parse(payload);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: the event {(eventFile == "-" ? "on standard input" : eventFile)} is not readable JSON: {e.Message}");
            return 2;
        }

        LocalServer server;
        try
        {
            var template = SamTemplate.Load(options.TemplatePath, options.ParameterOverrides);
            if (template.Functions.All(f => f.LogicalId != logicalId))
            {
                await error.WriteLineAsync($"error: {logicalId} is not a function of {options.TemplatePath} (functions: {string.Join(", ", template.Functions.Select(f => f.LogicalId))})");
                return 2;
            }
            // Progress and the function's log go to stderr, so stdout carries the result alone.
            server = await LocalServer.StartAsync(options with
            {
                ApiPort = null,
                LambdaPort = null,
                OnlyFunctions = [logicalId],
                Console = error,
                Logs = new LogSink(error, prefixWithFunctionName: false),
            }, cancellationToken);
        }
        catch (Exception e) when (Cli.IsUserError(e))
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        await using (server)
        {
            var result = await server.Functions.Find(logicalId)!.InvokeAsync(new Invocation(payload), cancellationToken);
            await output.WriteLineAsync(Encoding.UTF8.GetString(result.Payload));
            return result.IsError ? 1 : 0;
        }
    }
}
