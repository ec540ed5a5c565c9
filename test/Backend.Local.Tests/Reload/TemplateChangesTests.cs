using Backend.Lambda.TestUtilities;
using Backend.Local.Reload;
using Backend.Template;

namespace Backend.Local.Tests.Reload;

/// <summary>What a new reading of template.yaml changes: the repository's template against edited copies of it.</summary>
public sealed class TemplateChangesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("template-changes-").FullName;
    private static readonly string Original = File.ReadAllText(RepositoryFiles.PathOf("template.yaml"));

    private SamTemplate Edited(string before, string after)
    {
        Assert.Contains(before, Original);
        var path = Path.Combine(_folder, "template.yaml");
        File.WriteAllText(path, Original.Replace(before, after, StringComparison.Ordinal));
        return SamTemplate.Load(path);
    }

    private static TemplateChanges Between(SamTemplate after) => TemplateChanges.Between(SamTemplate.Load(RepositoryFiles.PathOf("template.yaml")), after, _ => true);

    [Fact]
    public void The_same_template_changes_nothing()
    {
        var changes = Between(Edited("Resources:", "Resources:"));
        Assert.True(changes.IsEmpty);
        Assert.Equal("nothing to change", changes.Summary());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("{AllowOrigins: [https://a.example], MaxAge: 60}")]
    public void CORS_added_to_the_HTTP_API_is_served_anew(string cors)
    {
        var changes = Between(Edited("      Description: RandomGenerator - a fresh random number on GET /index\n",
            $"      Description: RandomGenerator - a fresh random number on GET /index\n      CorsConfiguration: {cors}\n"));

        Assert.False(changes.IsEmpty);
        Assert.Empty(changes.ChangedFunctions);
    }

    [Fact]
    public void A_changed_access_log_format_is_an_API_change_served_anew()
    {
        var changes = Between(Edited("\"status\":\"$context.status\",\"protocol\"", "\"code\":\"$context.status\",\"protocol\""));

        Assert.True(changes.ApisChanged);
    }

    [Fact]
    public void Changed_properties_of_a_function_are_named()
    {
        var changes = Between(Edited("          ALLOWED_ORIGIN: !Ref BooksAllowedOrigin", "          ALLOWED_ORIGIN: https://x.example\n      MemorySize: 512\n      Timeout: 20"));
        var (before, after, properties) = Assert.Single(changes.ChangedFunctions);
        Assert.Equal("BooksFunction", after.LogicalId);
        Assert.Equal(["MemorySize", "Timeout", "Environment"], properties);
        Assert.Equal("https://x.example", after.Environment["ALLOWED_ORIGIN"]);
        Assert.Equal("changed BooksFunction (MemorySize, Timeout, Environment)", changes.Summary());
    }

    [Fact]
    public void A_globals_change_changes_every_function()
    {
        var changes = Between(Edited("    MemorySize: 256\n", "    MemorySize: 1024\n"));
        Assert.Equal(5, changes.ChangedFunctions.Count);
        Assert.All(changes.ChangedFunctions, c => Assert.Equal(["MemorySize"], c.Properties));
    }

    [Fact]
    public void Routes_added_and_removed_are_listed_with_their_stage_and_function()
    {
        var changes = Between(Edited("            Path: /calc\n            Method: post", "            Path: /calculate\n            Method: post"));
        Assert.Equal(["POST /prod/calculate -> CalcFunction"], changes.AddedRoutes);
        Assert.Equal(["POST /prod/calc -> CalcFunction"], changes.RemovedRoutes);
        Assert.Empty(changes.ChangedFunctions);
    }

    [Fact]
    public void A_renamed_function_is_removed_and_added_and_a_new_table_is_listed()
    {
        var changes = Between(Edited("  CalcFunction:\n", "  CalculatorFunction:\n"));
        Assert.Equal("CalculatorFunction", Assert.Single(changes.AddedFunctions).LogicalId);
        Assert.Equal("CalcFunction", Assert.Single(changes.RemovedFunctions).LogicalId);

        var tables = Between(Edited("Resources:\n", """
            Resources:
              ExtraTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: extra
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]

            """));
        Assert.Equal(["extra"], tables.AddedTables.Select(t => t.TableName));
        Assert.EndsWith("new tables extra", tables.Summary());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
