using k8s.Models;

namespace Pipelines.Kubernetes.Tests;

public sealed class RolloutStatusRules
{
    private static V1StatefulSet Set(int? partition, bool rollingUpdate, string current, string update, int ready = 3, int updated = 3) => new()
    {
        Metadata = new V1ObjectMeta { Name = "db", Generation = 2 },
        Spec = new V1StatefulSetSpec
        {
            Replicas = 3,
            UpdateStrategy = new V1StatefulSetUpdateStrategy
            {
                Type = "RollingUpdate",
                RollingUpdate = rollingUpdate ? new V1RollingUpdateStatefulSetStrategy { Partition = partition } : null,
            },
        },
        Status = new V1StatefulSetStatus { ObservedGeneration = 2, Replicas = 3, ReadyReplicas = ready, UpdatedReplicas = updated, CurrentRevision = current, UpdateRevision = update, CurrentReplicas = 3 },
    };

    [Fact]
    public void Without_rollingUpdate_a_StatefulSet_waits_for_the_update_revision_to_become_current()
    {
        Assert.Equal(new RolloutVerdict(false, "waiting for statefulset rolling update to complete 3 pods at revision db-2..."), RolloutStatus.Evaluate(Set(null, false, "db-1", "db-2")));
        Assert.Equal(new RolloutVerdict(true, "statefulset rolling update complete 3 pods at revision db-2..."), RolloutStatus.Evaluate(Set(null, false, "db-2", "db-2")));
    }

    [Fact]
    public void A_StatefulSet_waits_for_ready_pods_first() =>
        Assert.Equal(new RolloutVerdict(false, "Waiting for 2 pods to be ready..."), RolloutStatus.Evaluate(Set(0, true, "db-1", "db-2", ready: 1)));

    [Fact]
    public void A_Deployment_whose_generation_is_not_observed_is_waiting_even_if_the_counts_look_done()
    {
        var d = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", Generation = 3 },
            Spec = new V1DeploymentSpec { Replicas = 2 },
            Status = new V1DeploymentStatus { ObservedGeneration = 2, Replicas = 2, UpdatedReplicas = 2, AvailableReplicas = 2 },
        };
        Assert.Equal(new RolloutVerdict(false, "Waiting for deployment spec update to be observed..."), RolloutStatus.Evaluate(d));
        d.Status.ObservedGeneration = 3;
        d.Status.Replicas = 3;
        Assert.Equal(new RolloutVerdict(false, "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination..."), RolloutStatus.Evaluate(d));
    }

    [Theory]
    [InlineData("main@sha1:2222222222222222222222222222222222222222", "2222222222222222222222222222222222222222", true)]
    [InlineData("main/2222222222222222222222222222222222222222", "2222222222222222222222222222222222222222", true)]
    [InlineData("main@sha1:2222222222222222222222222222222222222222", "2222222", true)]
    [InlineData("main@sha1:3333333333333333333333333333333333333333", "2222222222222222222222222222222222222222", false)]
    [InlineData(null, "2222222", false)]
    public void Flux_revisions_end_in_the_commit(string? revision, string commit, bool expected) =>
        Assert.Equal(expected, FluxRevision.EndsInCommit(revision, commit));

    [Theory]
    [InlineData("reg.example/app:v2", true)]
    [InlineData("reg.example/app:v2@sha256:abc", true)]
    [InlineData("reg.example/app@sha256:abc", true)]
    [InlineData("reg.example/app:v1", false)]
    [InlineData("reg.example/app:v1@sha256:def", false)]
    [InlineData("reg.example/other:v2", false)]
    public void The_pod_template_must_reference_the_new_tag_or_digest(string image, bool expected) =>
        Assert.Equal(expected, new ExpectedImage("reg.example/app", "v2", "sha256:abc").IsReferencedBy(image));

    [Fact]
    public void Docker_Hub_short_names_are_one_repository() =>
        Assert.True(new ExpectedImage("docker.io/library/nginx", "1.27").IsReferencedBy("nginx:1.27"));
}
