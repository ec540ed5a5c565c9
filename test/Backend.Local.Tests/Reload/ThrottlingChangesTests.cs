using Backend.Lambda.TestUtilities;
using Backend.Local.Reload;
using Backend.Template;

namespace Backend.Local.Tests.Reload;

/// <summary>New throttling limits in a saved template.yaml are served anew (a new route table, with full buckets of the new size).</summary>
public sealed class ThrottlingChangesTests
{
    [Fact]
    public void New_throttling_limits_change_the_APIs()
    {
        var path = RepositoryFiles.PathOf("template.yaml");

        var changes = TemplateChanges.Between(SamTemplate.Load(path), SamTemplate.Load(path, new Dictionary<string, string> { ["ThrottlingBurstLimit"] = "5" }), _ => true);

        Assert.True(changes.ApisChanged);
        Assert.Equal("APIs' settings changed", changes.Summary());
    }
}
