namespace Pipelines.GitOps;

/// <summary>
/// A folder of a clone opened by <see cref="NoFollowFile.OpenFolder"/>, whose files are opened relative to it; the
/// default value opens them by their path. Disposing closes it.
/// </summary>
readonly struct NoFollowFolder : IDisposable
{
    readonly int descriptor;
    readonly bool opened;

    internal NoFollowFolder(int descriptor)
    {
        this.descriptor = descriptor;
        opened = true;
    }

    /// <summary>The folder's descriptor, or -1 when its files open by their path.</summary>
    internal int Descriptor => opened ? descriptor : -1;

    /// <summary>Opens <paramref name="path"/>, a file directly in this folder, to read.</summary>
    public NoFollowHandle OpenRead(string path) => NoFollowFile.OpenRead(this, path);

    public void Dispose()
    {
        if (Descriptor >= 0)
            Libc.Close(Descriptor);
    }
}
