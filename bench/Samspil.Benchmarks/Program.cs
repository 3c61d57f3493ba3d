using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Samspil.Benchmarks -- --filter '*'   (bench/run.sh starts PostgreSQL first)
BenchmarkSwitcher.FromAssembly(typeof(Samspil.Benchmarks.AccessBenchmarks).Assembly).Run(args);
