namespace Pipelines.Containers.Publishing;

/// <summary>The tag already exists with a different image and cannot be moved (immutable tags), or <c>latest</c> was asked for on an immutable repository.</summary>
public sealed class ImageTagConflictException(string message) : Exception(message);
