namespace Pipelines.Testing.Kubernetes;

/// <summary>How a write of a custom resource is checked against its schema, as kube-apiserver's <c>fieldValidation</c> says.</summary>
public enum FieldValidation
{
    /// <summary>Unknown fields and wrong types are refused (kubectl's default, and every scripted write).</summary>
    Strict,

    /// <summary>Unknown fields are dropped, wrong types refused (the server's default for other clients).</summary>
    Prune,

    /// <summary>Stored as given: a test that plays a misbehaving controller writing what no schema allows.</summary>
    None,
}
