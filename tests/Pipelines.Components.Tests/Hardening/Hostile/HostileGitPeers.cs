namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>The silent peers a case may aim at, started for that case alone and stopped after it.</summary>
public sealed class HostileGitPeers : IDisposable
{
    public SilentPeer Accepting { get; } = SilentPeer.StartAccepting();
    public SilentPeer Unaccepting { get; } = SilentPeer.StartUnaccepting();

    public void Dispose()
    {
        Accepting.Dispose();
        Unaccepting.Dispose();
    }
}
