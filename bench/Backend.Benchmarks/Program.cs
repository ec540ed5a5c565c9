using BenchmarkDotNet.Running;

// bench/run.sh runs every suite; `dotnet run -c Release -- --filter '*Calc*'` runs one.
BenchmarkSwitcher.FromAssembly(typeof(Backend.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
