using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

public sealed class SamTemplateTests
{
    private static string TemplatePath => RepositoryFiles.PathOf("template.yaml");

    [Fact]
    public void The_table_is_read_with_its_name_from_the_parameter_default()
    {
        var table = Assert.Single(SamTemplate.Load(TemplatePath).Tables);

        Assert.Equal("ItemsTable", table.LogicalId);
        Assert.Equal("lambda-apigateway", table.TableName);
        Assert.Equal(new KeyAttribute("id", "HASH", "S"), table.PartitionKey);
    }

    [Fact]
    public void A_parameter_override_changes_the_table_name()
    {
        var template = SamTemplate.Load(TemplatePath, new Dictionary<string, string> { ["TableName"] = "items-dev" });

        Assert.Equal("items-dev", template.Table("ItemsTable").TableName);
    }

    [Fact]
    public void An_override_of_an_unknown_parameter_is_refused_by_name()
    {
        var error = Assert.Throws<TemplateException>(() => SamTemplate.Load(TemplatePath, new Dictionary<string, string> { ["Nope"] = "x" }));
        Assert.Contains("'Nope'", error.Message);
    }

    [Fact]
    public void Constructs_it_cannot_read_are_named_in_the_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !ImportValue shared-table-name
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                """);
            var error = Assert.Throws<TemplateException>(() => SamTemplate.Load(path));
            Assert.Equal("Resources.T.Properties.TableName: !ImportValue is not supported by the local emulator (it resolves Ref, Fn::Sub, Fn::GetAtt and Fn::Join)", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
