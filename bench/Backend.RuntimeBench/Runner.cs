using System.Diagnostics;
using System.Text;
using Backend.Lambda.TestUtilities;

namespace Backend.RuntimeBench;

/// <summary>Runs one target: cold starts (a new process each), then warm invocations and a soak on one process.</summary>
public sealed class Runner(TextWriter log)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public async Task<TargetResult> RunAsync(Target target, int coldStarts, int warmInvocations, IReadOnlyList<int> soakCheckpoints)
    {
        var result = new TargetResult(target);
        for (var run = 1; run <= coldStarts; run++)
        {
            var last = run == coldStarts;
            await using var api = await FakeRuntimeApi.StartAsync();
            using var process = new Process { StartInfo = target.StartInfo(api.Address) };
            var firstLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) firstLine.TrySetResult(); };
            process.ErrorDataReceived += (_, _) => { };
            var clock = Stopwatch.StartNew();
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                if (target.IsFloor)
                {
                    await firstLine.Task.WaitAsync(Wait);
                }
                else
                {
                    var outcome = await api.InvokeAsync(target.EventJson!).WaitAsync(Wait);
                    if (outcome.IsError) throw new InvalidOperationException($"{target.Name} failed: {outcome.BodyText}");
                }
                var wall = clock.Elapsed.TotalMilliseconds;
                var cpu = ProcessStats.CpuMilliseconds(process.Id);
                var (rss, _) = ProcessStats.MemoryMegabytes(process.Id);
                result.ColdStarts.Add(new ColdStart(target.Name, run, wall, cpu, rss));
                if (last && !target.IsFloor)
                {
                    await WarmAndSoakAsync(api, process, target, result, warmInvocations, soakCheckpoints);
                    result.PeakRssMb = ProcessStats.MemoryMegabytes(process.Id).Peak;
                }
            }
            finally
            {
                if (target.IsFloor) process.StandardInput.Close();
                api.ShutDown();
                if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
            }
        }
        log.WriteLine($"{target.Name}: cold wall {result.MedianWall:F1} ms, CPU {result.MedianCpu:F1} ms, warm p50 {result.WarmP50:F3} ms");
        return result;
    }

    private async Task WarmAndSoakAsync(FakeRuntimeApi api, Process process, Target target, TargetResult result, int warm, IReadOnlyList<int> checkpoints)
    {
        var payload = Encoding.UTF8.GetBytes(target.EventJson!);
        var total = Math.Max(warm, checkpoints.Count == 0 ? 0 : checkpoints.Max());
        for (var i = 1; i <= total; i++)
        {
            var clock = Stopwatch.StartNew();
            var outcome = await api.InvokeAsync(new FakeInvocation(payload)).WaitAsync(Wait);
            if (i <= warm) result.WarmLatenciesMs.Add(clock.Elapsed.TotalMilliseconds);
            if (outcome.IsError) throw new InvalidOperationException($"{target.Name} failed on invocation {i}: {outcome.BodyText}");
            if (checkpoints.Contains(i))
            {
                result.MemoryAt[i] = ProcessStats.MemoryMegabytes(process.Id);
                log.WriteLine($"{target.Name}: after {i} invocations RSS {result.MemoryAt[i].Rss:F1} MB (peak {result.MemoryAt[i].Peak:F1})");
            }
        }
    }
}
