using System.Text.Json;
using Backend.Lambda.Core;
using Backend.Lambda.Logging;

namespace Backend.Lambda.Tests;

public sealed class LoggerTests
{
    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 21, 5, 6, 7, 89, TimeSpan.Zero);
    }

    [Fact]
    public void Text_format_is_timestamp_request_id_level_message()
    {
        var output = new StringWriter();
        var logger = new LambdaConsoleLogger(output, LambdaLogFormat.Text, LogLevel.Information, new FixedClock()) { CurrentRequestId = "req-7" };

        ((ILambdaLogger)logger).LogWarning("careful");

        Assert.Equal("2026-11-21T05:06:07.089Z\treq-7\tWARN\tcareful" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Json_format_is_one_object_per_line_with_the_aws_fields()
    {
        var output = new StringWriter();
        var logger = LambdaConsoleLogger.FromSettings(output, "JSON", null);
        logger.CurrentRequestId = "req-8";

        logger.LogLine("line one\nline \"two\" ✓");
        ((ILambdaLogger)logger).LogError("bad");

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("INFO", first.RootElement.GetProperty("level").GetString());
        Assert.Equal("req-8", first.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("line one\nline \"two\" ✓", first.RootElement.GetProperty("message").GetString());
        Assert.True(DateTimeOffset.TryParse(first.RootElement.GetProperty("timestamp").GetString(), out _));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("ERROR", second.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public void Json_lines_outside_an_invocation_carry_no_request_id()
    {
        var output = new StringWriter();
        LambdaConsoleLogger.FromSettings(output, "json", null).Log("starting");

        using var line = JsonDocument.Parse(output.ToString());
        Assert.False(line.RootElement.TryGetProperty("requestId", out _));
    }

    [Theory]
    [InlineData("WARN", LogLevel.Information, false)]
    [InlineData("WARN", LogLevel.Warning, true)]
    [InlineData("debug", LogLevel.Debug, true)]
    [InlineData("DEBUG", LogLevel.Trace, false)]
    [InlineData(null, LogLevel.Debug, false)]
    [InlineData(null, LogLevel.Information, true)]
    [InlineData("nonsense", LogLevel.Information, true)]
    [InlineData("FATAL", LogLevel.Error, false)]
    [InlineData("FATAL", LogLevel.Critical, true)]
    public void AWS_LAMBDA_LOG_LEVEL_filters_lower_levels(string? setting, LogLevel level, bool written)
    {
        var output = new StringWriter();
        LambdaConsoleLogger.FromSettings(output, "JSON", setting).Log(level, "x");

        Assert.Equal(written, output.ToString().Length > 0);
    }

    [Fact]
    public void Text_is_the_default_format()
    {
        Assert.Equal(LambdaLogFormat.Text, LambdaConsoleLogger.FromSettings(new StringWriter(), null, null).Format);
        Assert.Equal(LambdaLogFormat.Text, LambdaConsoleLogger.FromSettings(new StringWriter(), "Text", null).Format);
    }
}
