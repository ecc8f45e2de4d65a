using Pipelines.Testing.Faults;

namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>The silent peers a case may aim at, started for that case alone and stopped after it.</summary>
public sealed class HostileGitPeers : IDisposable
{
    public SilentPeer Accepting { get; } = SilentPeer.Accepting();
    public SilentPeer Unaccepting { get; } = SilentPeer.NotAccepting();

    public void Dispose()
    {
        Accepting.Dispose();
        Unaccepting.Dispose();
    }
}
