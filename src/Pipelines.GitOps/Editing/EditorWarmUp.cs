namespace Pipelines.GitOps;

/// <summary>
/// Pays the editor's one-time costs on a thread of its own while the caller does something else (lists the tree, or
/// clones it). A process's first edit spends 10-30 ms before its first byte of real work: YamlDotNet's
/// <c>AnchorName</c> compiles a regex when the parser first names an empty anchor, and the parser, the prefilter and
/// the splicing each load their types and compile the generic code ReadyToRun cannot hold. The warm-up edits a small
/// manifest in memory, through the same calls as a file of the tree, and writes nothing; a real edit that gets there
/// first simply waits for the one-time set-up it would have done itself.
/// </summary>
static class EditorWarmUp
{
    // A workload with the shapes the benchmark and most config repos hold: block and flow collections, a comment after
    // the reference, a second document.
    const string Manifest = """
        # warm-up
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: warm-up
          labels: {app: warm-up}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: warm-up.invalid/app:1 # set by the pipeline
                  env:
                    - name: MODE
                      value: "warm"
        ---
        kind: Service
        spec:
          ports: [{port: 80}]

        """;

    static int started;

    /// <summary>Starts the warm-up once per process; later calls do nothing.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
            return;
        // A thread of its own: the pool's threads are the edit's workers, and a background thread never keeps a
        // process alive.
        new Thread(Run) { IsBackground = true, Name = "Editor warm-up" }.Start();
    }

    static void Run()
    {
        try
        {
            Rehearse();
        }
        catch (Exception)
        {
            // Nothing depends on the warm-up: the real edit does the same set-up itself and reports what goes wrong.
        }
    }

    /// <summary>Edits the manifest in memory the way a file of the tree is edited, from its bytes to its new bytes.</summary>
    internal static byte[] Rehearse()
    {
        var update = new ImageUpdate(ImageTarget.Create("warm-up.invalid/app", "2"));
        var bytes = System.Text.Encoding.UTF8.GetBytes(Manifest);
        var encoding = ManifestEncoding.Detect(bytes);
        if (!update.IsMentionedIn(bytes.AsSpan(encoding.MarkLength)))
            return bytes;
        var edit = ManifestEditor.Edit("warm-up.yaml", encoding.Decode("warm-up.yaml", bytes), update);
        return encoding.Encode(edit.Text, bytes);
    }
}
