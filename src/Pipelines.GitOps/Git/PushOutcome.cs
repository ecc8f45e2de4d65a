namespace Pipelines.GitOps;

/// <summary>What happened to a push.</summary>
public enum PushOutcome
{
    /// <summary>The remote accepted the push.</summary>
    Pushed,

    /// <summary>The remote branch moved since the fetch (non-fast-forward or a lost ref lock); fetch and try again.</summary>
    Rejected,

    /// <summary>The connection dropped mid-push: the remote may or may not have taken it; read the remote branch to know.</summary>
    Interrupted,
}
