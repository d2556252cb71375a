using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Credentials.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
