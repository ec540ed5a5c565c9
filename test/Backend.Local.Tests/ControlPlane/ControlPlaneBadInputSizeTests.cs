using System.Net;
using System.Text;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// Huge CreateFunction bodies, streamed (never held whole by the test): under Lambda's request limit, junk is
/// malformed JSON; over it, 413 with Lambda's message. Either way nothing is written and the server goes on.
/// </summary>
[Collection("control plane server")]
public sealed class ControlPlaneBadInputSizeTests(ControlPlaneServerFixture fixture)
{
    private const int Limit = 70_167_211;
    private readonly ControlPlaneBadInputChecks _checks = new(fixture);

    [Fact]
    public async Task A_60_MB_body_of_junk_is_malformed_json_not_a_crash()
    {
        var name = ControlPlaneBadInputChecks.UniqueName("junk-60mb");
        var before = _checks.CodeEntries();
        using var response = await fixture.Lambda.PostAsync(ControlPlaneBadInputChecks.FunctionsPath,
            new JunkContent($$"""{"FunctionName":"{{name}}","Code":{"ZipFile":""", 60 * 1024 * 1024, knownLength: false));

        var message = await ControlPlaneBadInputChecks.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequestContentException");
        Assert.StartsWith("Could not parse request body into json: ", message);
        await _checks.AssertNothingWrittenAsync(name, before);
        await _checks.AssertServerStillServesAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_71_MB_body_is_RequestEntityTooLargeException_with_Lambdas_limit(bool knownLength)
    {
        var name = ControlPlaneBadInputChecks.UniqueName("junk-71mb");
        var before = _checks.CodeEntries();
        // Valid so far: only its size is wrong. With a Content-Length the server can refuse before reading; chunked, it must count.
        using var response = await fixture.Lambda.PostAsync(ControlPlaneBadInputChecks.FunctionsPath,
            new JunkContent($$"""{"FunctionName":"{{name}}","Code":{"ZipFile":"AAAA""", 71 * 1024 * 1024, knownLength));

        await ControlPlaneBadInputChecks.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException",
            $"Request must be smaller than {Limit} bytes for the CreateFunction operation");
        await _checks.AssertNothingWrittenAsync(name, before);
        await _checks.AssertServerStillServesAsync();
    }

    [Fact]
    public async Task A_zip_over_50_MB_in_a_request_under_the_limit_is_still_RequestEntityTooLargeException()
    {
        // 52.6 MB stored: base64 makes it 70.13 MB, just under the request limit, so only the zip's own quota refuses it.
        var zip = TestZips.Zip([new ZipFileEntry("bootstrap", new byte[52_600_000], TestZips.ExecutableMode)], System.IO.Compression.CompressionLevel.NoCompression);
        var name = ControlPlaneBadInputChecks.UniqueName("zip-50mb");
        var body = ControlPlaneBadInputChecks.CreateRequest(name, zip).ToJsonString();
        Assert.True(body.Length < Limit, $"request of {body.Length} bytes");

        await _checks.AssertCreateRefusedAsync(name, body, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException",
            $"Request must be smaller than {Limit} bytes for the CreateFunction operation");
    }

    /// <summary><paramref name="prefix"/> then 'A's up to <paramref name="size"/> bytes, written in chunks as the server reads.</summary>
    private sealed class JunkContent(string prefix, long size, bool knownLength) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var head = Encoding.UTF8.GetBytes(prefix);
            await stream.WriteAsync(head);
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)'A');
            for (var left = size - head.Length; left > 0; left -= chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(left, chunk.Length)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = knownLength ? size : 0;
            return knownLength;
        }
    }
}
