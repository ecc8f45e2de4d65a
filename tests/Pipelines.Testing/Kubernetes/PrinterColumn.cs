namespace Pipelines.Testing.Kubernetes;

/// <summary>One <c>additionalPrinterColumns</c> entry of a resource definition: what <c>kubectl get</c> shows.</summary>
/// <param name="Name">Column header.</param>
/// <param name="Type">OpenAPI type: string, integer, number, boolean or date.</param>
/// <param name="JsonPath">Simple path into the object, e.g. <c>.status.phase</c>.</param>
/// <param name="Priority">0 for the default columns, more for <c>-o wide</c>.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority);
