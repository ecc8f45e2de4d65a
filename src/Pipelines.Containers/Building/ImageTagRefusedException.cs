namespace Pipelines.Containers.Building;

/// <summary>The tag cannot be used: <c>latest</c>, an invalid tag, or a dirty working tree without permission.</summary>
public sealed class ImageTagRefusedException(string message) : Exception(message);
