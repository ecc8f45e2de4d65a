/// <summary>The MSBuild configuration.</summary>
enum Configuration
{
    Debug,
    Release,
}
