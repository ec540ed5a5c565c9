using System.Diagnostics;
using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.Tests;

/// <summary>
/// An instance is findable before its process runs: a runtime that polls /next at once must not meet a 404 (it exits
/// with status 1 on one, and the invocation waiting for it fails with Runtime.ExitError).
/// </summary>
public sealed class InstanceRegistrationTests
{
    [Fact]
    public async Task The_instance_is_registered_before_its_process_starts()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"instance-started-{Guid.NewGuid():N}");
        var function = new FunctionDefinition("Stand", "Stand", ".", "bootstrap", "provided.al2023", "x86_64", 128, 3,
            new Dictionary<string, string>(), null, "", null, null, false);
        var start = new ProcessStartInfo("sh", ["-c", $"touch '{marker}'"]);
        bool? startedBeforeRegistration = null;
        try
        {
            var instance = FunctionInstance.Start(function, "arn:aws:lambda:us-east-1:000000000000:function:Stand", start, "0001test",
                new LogSink(TextWriter.Null), registered =>
                {
                    // Long enough for sh to have run, had it been started already.
                    Thread.Sleep(500);
                    startedBeforeRegistration = File.Exists(marker) || registered.ProcessId != 0;
                });
            await using (instance)
            {
                await instance.InitializedOrExited.WaitAsync(TimeSpan.FromSeconds(30));
            }
            Assert.False(startedBeforeRegistration);
            Assert.True(File.Exists(marker), "the process ran after its registration");
        }
        finally
        {
            File.Delete(marker);
        }
    }
}
