using Backend.Local.Building;
using Backend.Local.Hosting;

namespace Backend.Local.Tests;

/// <summary>The start's progress: a live block of build lines on a terminal, plain lines elsewhere.</summary>
public class StartupConsoleTests
{
    private const string Erase2 = "\u001b[2F\u001b[J";

    [Fact]
    public void On_a_terminal_a_line_reported_meanwhile_goes_above_the_live_block_which_ends_in_its_final_state()
    {
        var output = new StringWriter();
        var console = new StartupConsole(output, live: true);
        var board = new BuildBoard(console, [("CalcFunction", "src/Backend.Calc/Backend.Calc.csproj"), ("BooksFunction", "src/Backend.Books/Backend.Books.csproj")]);
        console.Report("Starting DynamoDB Local on 127.0.0.1:8000 ...");
        board.Done("Backend.Calc");
        board.Done("Backend.Books");
        board.End();

        var text = output.ToString();
        // Drawn, erased for the reported line, drawn again under it; at the end erased and drawn in its final state.
        var reported = text.IndexOf(Erase2 + "Starting DynamoDB Local", StringComparison.Ordinal);
        Assert.True(reported > 0, text);
        Assert.Matches(@"^Building CalcFunction \(src/Backend.Calc/Backend.Calc.csproj\) \.\.\. \d+\.\d s\n", text);
        var final = text[text.LastIndexOf(Erase2, StringComparison.Ordinal)..];
        Assert.Matches(@"^\u001b\[2F\u001b\[J" + @"Built CalcFunction in \d+\.\d s\nBuilt BooksFunction in \d+\.\d s\n$", final.Replace("\r", ""));
    }

    [Fact]
    public void Elsewhere_each_line_is_printed_once_when_it_happens_without_control_codes()
    {
        var output = new StringWriter();
        var console = new StartupConsole(output, live: false);
        var board = new BuildBoard(console, [("CalcFunction", "src/Backend.Calc/Backend.Calc.csproj")]);
        console.Report("Starting DynamoDB Local on 127.0.0.1:8000 ...");
        board.Done("Backend.Calc");
        board.Done("Backend.Calc");
        board.End();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("Building CalcFunction (src/Backend.Calc/Backend.Calc.csproj) ...", lines[0]);
        Assert.Equal("Starting DynamoDB Local on 127.0.0.1:8000 ...", lines[1]);
        Assert.Matches(@"^Built CalcFunction in \d+\.\d s$", lines[2]);
        Assert.DoesNotContain('\u001b', output.ToString());
    }
}
