using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>A change in the stand-in's store, as a watch sends it (<c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>).</summary>
public sealed record StoreEvent(long ResourceVersion, ApiResource Resource, string? Namespace, string Name, string Type, JsonObject Object);
