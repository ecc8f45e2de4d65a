using BenchmarkDotNet.Running;
using Pipelines.Benchmarks.Bump;

BenchmarkRunner.Run<PerFileEdit>(args: args);
