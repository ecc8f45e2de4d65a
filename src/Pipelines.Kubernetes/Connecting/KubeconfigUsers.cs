using YamlDotNet.Serialization;

namespace Pipelines.Kubernetes;

/// <summary>The <c>users</c> of one or more kubeconfig files, merged as kubectl merges them: the first file that names a user wins.</summary>
internal static class KubeconfigUsers
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    private sealed class Document
    {
        [YamlMember(Alias = "users")] public List<NamedUser>? Users { get; set; }
    }

    private sealed class NamedUser
    {
        [YamlMember(Alias = "name")] public string? Name { get; set; }
        [YamlMember(Alias = "user")] public KubeconfigUser? User { get; set; }
    }

    /// <summary>The user called <paramref name="name"/>, or null when no file defines it (kubectl then sends no credentials).</summary>
    public static KubeconfigUser? Find(IEnumerable<string> files, string name)
    {
        foreach (var path in files)
        {
            var file = Reader.Deserialize<Document?>(File.ReadAllText(path));
            var entry = file?.Users?.FirstOrDefault(u => u.Name == name);
            if (entry is null) continue;
            var user = entry.User ?? new KubeconfigUser();
            user.Name = name;
            user.Directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
            return user;
        }
        return null;
    }
}
