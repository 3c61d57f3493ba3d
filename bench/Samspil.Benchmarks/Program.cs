using BenchmarkDotNet.Running;
using Samspil.Benchmarks.Screening;

// dotnet run -c Release --project bench/Samspil.Benchmarks -- --filter '*'   (bench/run.sh starts PostgreSQL first)
// dotnet run -c Release --project bench/Samspil.Benchmarks -- offerings [--offerings N --runs R]   (bench/offerings.sh)
// dotnet run -c Release --project bench/Samspil.Benchmarks -- screening [--people N --admissions M --runs R]   (bench/screening.sh)
// dotnet run -c Release --project bench/Samspil.Benchmarks -- fhir-tasks [--actions N --runs R --warmup W]   (bench/fhir-tasks.sh)
// dotnet run -c Release --project bench/Samspil.Benchmarks -- load-seed --connection CS [--citizens N ...]   (bench/load.sh)
// dotnet run -c Release --project bench/Samspil.Benchmarks -- load-run --base-url URL --manifest FILE [--mode mixed|plan ...]   (bench/load.sh)
if (args.Length > 0 && args[0] == "load-seed")
{
    return await Samspil.Benchmarks.Load.LoadSeeder.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "load-run")
{
    return await Samspil.Benchmarks.Load.LoadDriver.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "screening-engine")
{
    return ScreeningBenchmark.EngineOnly(args[1..]);
}

if (args.Length > 0 && args[0] == "offerings")
{
    return Samspil.Benchmarks.Offerings.OfferingSearchBenchmark.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "fhir-tasks")
{
    return await Samspil.Benchmarks.Fhir.FhirTaskSearchBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "screening")
{
    return ScreeningBenchmark.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Samspil.Benchmarks.AccessBenchmarks).Assembly).Run(args);
return 0;
