using Backend.Local.Gateway.AccessLogs;
using Backend.Local.Runtime;

namespace Backend.Local.Tests.AccessLogs;

/// <summary>The writer behind the access logs: one file per API, lines in order, all of them written by the time it is disposed.</summary>
public sealed class AccessLogWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "access-logs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Each_APIs_lines_go_to_its_own_file_in_order()
    {
        await using (var writer = new AccessLogWriter(_directory, LogSink.Null, toConsole: false))
        {
            for (var i = 0; i < 1000; i++) writer.Write(i % 2 == 0 ? "RestApi" : "RandomApi", $"line {i}");
        }

        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"line {2 * i}"), File.ReadAllLines(Path.Combine(_directory, "RestApi-access.log")));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"line {2 * i + 1}"), File.ReadAllLines(Path.Combine(_directory, "RandomApi-access.log")));
    }

    [Fact]
    public async Task Lines_are_appended_to_what_an_earlier_run_wrote()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "RestApi-access.log"), "yesterday\n");

        await using (var writer = new AccessLogWriter(_directory, LogSink.Null, toConsole: false)) writer.Write("RestApi", "today");

        Assert.Equal(["yesterday", "today"], File.ReadAllLines(Path.Combine(_directory, "RestApi-access.log")));
    }

    [Fact]
    public async Task Two_emulators_on_one_project_do_not_overwrite_each_others_lines()
    {
        await using (var first = new AccessLogWriter(_directory, LogSink.Null, toConsole: false))
        await using (var second = new AccessLogWriter(_directory, LogSink.Null, toConsole: false))
        {
            for (var i = 0; i < 2000; i++)
            {
                first.Write("RestApi", $"first {i}");
                second.Write("RestApi", $"second {i}");
            }
        }

        var lines = File.ReadAllLines(Path.Combine(_directory, "RestApi-access.log"));
        Assert.Equal(4000, lines.Length);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"first {i}"), lines.Where(l => l.StartsWith("first", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_writer_appends_after_what_another_wrote_since_its_last_batch()
    {
        await using var first = new AccessLogWriter(_directory, LogSink.Null, toConsole: false);
        await using var second = new AccessLogWriter(_directory, LogSink.Null, toConsole: false);

        first.Write("RestApi", "first 1");
        await first.FlushAsync();
        second.Write("RestApi", "second 1");
        await second.FlushAsync();
        first.Write("RestApi", "first 2");
        await first.FlushAsync();

        Assert.Equal(["first 1", "second 1", "first 2"], File.ReadAllLines(Path.Combine(_directory, "RestApi-access.log")));
    }

    [Fact]
    public async Task With_the_console_option_each_line_is_printed_named_by_its_API()
    {
        var console = new CapturedOutput();
        await using (var writer = new AccessLogWriter(_directory, new LogSink(console), toConsole: true)) writer.Write("RestApi", "{\"status\":\"200\"}");

        Assert.Equal("[RestApi] {\"status\":\"200\"}" + Environment.NewLine, console.ToString());
    }

    [Fact]
    public async Task Without_it_the_console_gets_nothing()
    {
        var console = new CapturedOutput();
        await using (var writer = new AccessLogWriter(_directory, new LogSink(console), toConsole: false)) writer.Write("RestApi", "line");

        Assert.Equal("", console.ToString());
    }
}
