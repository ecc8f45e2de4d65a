using System.Runtime.InteropServices;
using Pipelines.GitOps.Tests.Scaffolding;

namespace Pipelines.GitOps.Tests.Editing;

/// <summary>
/// How the editor opens a clone's files on Linux: each folder once, without following a link, and each file relative to
/// it, asking the kernel not to record an access time when it may, and opening again without asking when it may not.
/// </summary>
public sealed partial class OpeningTheFilesOfAClone : IDisposable
{
    const string App = "registry.example.com/team/app";
    readonly TemporaryDirectory tree = new();

    public void Dispose() => tree.Dispose();

    static string Deployment(string tag) => $"kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: {App}:{tag}\n";

    string Write(string path, string text)
    {
        var full = Path.Combine(tree.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    [Fact]
    public void A_folder_that_became_a_link_is_refused_before_any_file_in_it_is_opened()
    {
        Write("real/app.yaml", Deployment("v1"));
        var swapped = Path.Combine(tree.Path, "swapped");
        File.CreateSymbolicLink(swapped, Path.Combine(tree.Path, "real"));

        var refused = Assert.Throws<IOException>(() => NoFollowFile.OpenFolder(swapped).Dispose());

        Assert.Contains("it is no longer a folder (it became a link or a file, and links are never followed)", refused.Message);
    }

    [Fact]
    public void Files_opened_relative_to_their_folder_read_the_same_bytes_as_by_path()
    {
        var path = Write("dev/app.yaml", Deployment("v1") + "# ünïcode ☕\n");

        using var folder = NoFollowFile.OpenFolder(Path.GetDirectoryName(path)!);
        using var file = folder.OpenRead(path);
        var bytes = new byte[file.Length()];
        var read = file.Read(bytes, 0);

        Assert.Equal(bytes.Length, read);
        Assert.Equal(File.ReadAllBytes(path), bytes);
        Assert.Equal(0, file.Read(new byte[16], bytes.Length));
    }

    [Fact]
    public void Reading_a_tree_leaves_the_access_times_as_they_were()
    {
        // An access time older than the change time is what relatime updates on the next read, as after a checkout.
        var paths = new[] { Write("dev/app.yaml", Deployment("v1")), Write("dev/other.yaml", "kind: Service\n") };
        var before = DateTime.UtcNow.AddHours(-1);
        foreach (var path in paths)
            File.SetLastAccessTimeUtc(path, before);

        var found = ConfigTreeEditor.EditTree(tree.Path, null, new ImageUpdate(ImageTarget.Create(App, "v2")), write: false);

        Assert.Equal(["dev/app.yaml"], found.Files.Select(f => f.Path));
        Assert.All(paths, path => Assert.Equal(before, File.GetLastAccessTimeUtc(path)));
    }

    [Fact]
    public void A_reader_that_does_not_own_the_file_opens_it_again_without_keeping_its_access_time()
    {
        var path = Write("dev/app.yaml", Deployment("v1"));
        Assert.Equal(0, Chown(path, 65534, 65534));
        Exception? failure = null;
        string? text = null;
        // Capabilities belong to a thread: this one gives up CAP_FOWNER, so the kernel refuses O_NOATIME on a file of
        // another owner, as it does for any user but root.
        var reader = new Thread(() =>
        {
            try
            {
                DropCapability(CapFowner);
                var asked = Libc.Open(path, NoAccessTime);
                Assert.True(asked < 0 && Marshal.GetLastPInvokeError() == Libc.Eperm, "the kernel let a reader that is not the owner keep the access time");
                using var folder = NoFollowFile.OpenFolder(Path.GetDirectoryName(path)!);
                text = new ManifestReader().ReadIfMentioned(tree.Path, folder, path, new ImageUpdate(ImageTarget.Create(App, "v2")), out _);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        reader.Start();
        reader.Join();

        Assert.Null(failure);
        Assert.Equal(Deployment("v1"), text);
    }

    const int CapFowner = 3;
    const int NoAccessTime = 0x40000;

    static void DropCapability(int capability)
    {
        var header = new CapHeader { Version = 0x20080522 };
        var data = new CapData[2];
        Assert.Equal(0, CapGet(ref header, data));
        data[capability / 32].Effective &= ~(1u << (capability % 32));
        Assert.Equal(0, CapSet(ref header, data));
    }

    [StructLayout(LayoutKind.Sequential)]
    struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static partial int CapGet(ref CapHeader header, [In, Out] CapData[] data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static partial int CapSet(ref CapHeader header, [In] CapData[] data);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int owner, int group);
}
