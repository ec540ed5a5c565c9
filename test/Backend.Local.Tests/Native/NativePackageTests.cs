using System.Diagnostics;
using Backend.Lambda.TestUtilities;
using Backend.Local.Building;
using Backend.Local.Tests.ControlPlane;

namespace Backend.Local.Tests.Native;

/// <summary>
/// The Native AOT packages of template.yaml's functions (Packaging=native), as the emulator builds them and as
/// `sam build` would through each function's Makefile: a bootstrap alone, loadable on provided.al2023.
/// </summary>
[Collection("native server")]
public sealed class NativePackageTests(NativeServerFixture fixture)
{
    [Fact]
    public void Every_function_runs_a_bootstrap_that_provided_al2023_can_load()
    {
        Assert.Equal(5, fixture.Server.Assemblies.Count);
        foreach (var (logicalId, bootstrap) in fixture.Server.Assemblies)
        {
            Assert.Equal(Packaging.Bootstrap, Path.GetFileName(bootstrap));
            // The code folder holds what the Lambda package would: the executable, no symbols, no .pdb.
            Assert.Equal([Packaging.Bootstrap], Directory.GetFiles(Path.GetDirectoryName(bootstrap)!).Select(Path.GetFileName));
            Assert.True(Al2023Compatibility.Problems(bootstrap) is { Count: 0 } problems, $"{logicalId}: {string.Join("; ", Al2023Compatibility.Problems(bootstrap))}");
        }
    }

    [Fact]
    public async Task A_bootstrap_deployed_through_the_Lambda_API_cold_starts_with_its_Init_Duration_in_the_REPORT()
    {
        var aws = new AwsCli(fixture.Server.LambdaUrl!);
        var name = FunctionLifecycleKit.UniqueName("native-calc");
        var bootstrap = await File.ReadAllBytesAsync(fixture.Server.Assemblies["CalcFunction"]);
        using var zip = new FunctionLifecycleTempFile(TestZips.Zip([new ZipFileEntry(Packaging.Bootstrap, bootstrap, TestZips.ExecutableMode)]));
        FunctionLifecycleKit.AssertSucceeded(await FunctionLifecycleKit.CreateAsync(aws, name, "provided.al2023", "bootstrap", zip));
        try
        {
            using var answer = new FunctionLifecycleTempFile([]);
            var invoke = await aws.RunAsync("lambda", "invoke", "--function-name", name, "--payload", FunctionLifecycleKit.CalcPayload, "--log-type", "Tail", answer.Path);
            FunctionLifecycleKit.AssertSucceeded(invoke);

            Assert.Contains("\"c\":3", (await File.ReadAllTextAsync(answer.Path)).Replace(" ", ""));
            var log = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(FunctionLifecycleKit.Parse(invoke.Output).GetProperty("LogResult").GetString()!));
            Assert.Matches(@"REPORT RequestId: \S+\s+Duration: [\d.]+ ms\s+Billed Duration: \d+ ms\s+Memory Size: 128 MB\s+Max Memory Used: \d+ MB\s+Init Duration: [\d.]+ ms", log);
        }
        finally
        {
            await aws.RunAsync("lambda", "delete-function", "--function-name", name);
        }
    }

    [Fact]
    public async Task The_Makefile_sam_build_runs_leaves_the_bootstrap_alone_in_the_artifacts_folder()
    {
        var artifacts = Directory.CreateTempSubdirectory("sam-artifacts-").FullName;
        try
        {
            var make = new ProcessStartInfo("make", ["build-CalcFunction", $"ARTIFACTS_DIR={artifacts}"])
            {
                WorkingDirectory = RepositoryFiles.PathOf("src/Backend.Calc"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(make)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
            Assert.True(process.ExitCode == 0, await output + await error);

            Assert.Equal([Packaging.Bootstrap], Directory.GetFiles(artifacts).Select(Path.GetFileName));
            Assert.Empty(Directory.GetDirectories(artifacts));
            Assert.Empty(Al2023Compatibility.Problems(Path.Combine(artifacts, Packaging.Bootstrap)));
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }
}
