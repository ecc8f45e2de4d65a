using Pipelines.Testing.Docker;

namespace Pipelines.Containers.Tests;

/// <summary>dockerd, the registry and the ECR stand-in start once for every test in this collection.</summary>
[CollectionDefinition(Name)]
public sealed class ContainerPartsCollection : ICollectionFixture<ContainerParts>
{
    public const string Name = "container parts";
}
