using Backend.Local.Http;

namespace Backend.Local.Tests;

/// <summary>How the listeners' declared routes match paths (as Kestrel decoded them).</summary>
public sealed class PathTemplateTests
{
    private static readonly PathTemplate Invoke = PathTemplate.Parse("/2015-03-31/functions/{name}/invocations");
    private static readonly PathTemplate List = PathTemplate.Parse("/2015-03-31/functions");
    private static readonly PathTemplate Next = PathTemplate.Parse("/{function}/{instance}/2018-06-01/runtime/invocation/next");

    [Theory]
    [InlineData("/2015-03-31/functions/CalcFunction/invocations", "CalcFunction")]
    [InlineData("/2015-03-31/functions/CalcFunction/invocations/", "CalcFunction")]
    [InlineData("/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:CalcFunction:$LATEST/invocations", "arn:aws:lambda:us-east-1:123456789012:function:CalcFunction:$LATEST")]
    [InlineData("/2015-03-31/functions/arn%3Aaws%3Alambda/invocations", "arn%3Aaws%3Alambda")]
    [InlineData("/2015-03-31/functions/..%2FCalcFunction/invocations", "..%2FCalcFunction")]
    public void A_parameter_is_one_whole_segment_as_decoded_by_the_server(string path, string name)
    {
        Assert.True(Invoke.TryMatch(path, out var values));
        Assert.Equal(name, values["name"]);
    }

    [Theory]
    [InlineData("/2015-03-31/functions/a/b/invocations")]
    [InlineData("/2015-03-31/functions//invocations")]
    [InlineData("/2015-03-31/functions/CalcFunction")]
    [InlineData("/2015-03-31/functions/CalcFunction/invocations/more")]
    [InlineData("/2015-03-31/Functions/CalcFunction/invocations")]
    [InlineData("/2015-03-31/functions/CalcFunction/Invocations")]
    [InlineData("//2015-03-31/functions/CalcFunction/invocations")]
    [InlineData("2015-03-31/functions/CalcFunction/invocations")]
    [InlineData("")]
    public void Anything_else_does_not_match(string path) => Assert.False(Invoke.TryMatch(path, out _));

    [Theory]
    [InlineData("/2015-03-31/functions", true)]
    [InlineData("/2015-03-31/functions/", true)]
    [InlineData("/2015-03-31/functions//", true)]
    [InlineData("/2015-03-31/functionsX", false)]
    [InlineData("/2015-03-31", false)]
    public void Trailing_slashes_are_ignored(string path, bool matches) => Assert.Equal(matches, List.TryMatch(path, out _));

    [Fact]
    public void Several_parameters_are_each_read_by_name()
    {
        Assert.True(Next.TryMatch("/Calc/0001ab/2018-06-01/runtime/invocation/next", out var values));
        Assert.Equal(("Calc", "0001ab"), (values["function"], values["instance"]));
        Assert.Throws<ArgumentException>(() => values["requestId"]);
    }

    [Fact]
    public void Matching_allocates_nothing()
    {
        const string path = "/Calc/0001ab/2018-06-01/runtime/invocation/next";
        Assert.True(Next.TryMatch(path, out _));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Next.TryMatch(path, out _);
            Invoke.TryMatch(path, out _);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("2015-03-31/functions")]
    [InlineData("/a//b")]
    [InlineData("/{a}/{b}/{c}/{d}/{e}")]
    public void A_malformed_template_is_refused_when_declared(string template) =>
        Assert.Throws<ArgumentException>(() => PathTemplate.Parse(template));
}
