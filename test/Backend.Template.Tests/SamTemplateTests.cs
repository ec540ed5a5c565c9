using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

public sealed class SamTemplateTests
{
    private static string TemplatePath => RepositoryFiles.PathOf("template.yaml");

    [Fact]
    public void The_tables_are_read_with_their_names_from_the_parameter_defaults()
    {
        var tables = SamTemplate.Load(TemplatePath).Tables;

        Assert.Equal(["BooksTable", "ItemsTable"], tables.Select(t => t.LogicalId).Order());
        Assert.Equal("lambda-apigateway", tables.Single(t => t.LogicalId == "ItemsTable").TableName);
        Assert.Equal("books", tables.Single(t => t.LogicalId == "BooksTable").TableName);
        Assert.All(tables, t => Assert.Equal(new KeyAttribute("id", "HASH", "S"), t.PartitionKey));
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
            Assert.Equal("Resources.T.Properties.TableName: !ImportValue is not supported by the local emulator (it resolves Ref, Fn::Sub, Fn::GetAtt, Fn::Join and Fn::If)", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_error_is_located_at_the_line_of_what_it_names_as_compilers_write_it()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/F/
                      Handler: F
                      Runtime: python3.12
                """);
            var error = Assert.Throws<TemplateException>(() => SamTemplate.Load(path));
            Assert.Equal(7, error.Line);
            Assert.Equal($"{path}:7: Resources.F.Properties.Runtime: python3.12 is not supported by the local emulator (it runs .NET executables: dotnet8, dotnet10, and Native AOT bootstraps: provided.al2023, provided.al2)", error.Located);

            File.WriteAllText(path, "Resources:\n  F:\n    Type: a: b\n");
            var yaml = Assert.Throws<TemplateException>(() => SamTemplate.Load(path));
            Assert.Equal(3, yaml.Line);
            Assert.StartsWith($"{path}:3: not valid YAML: ", yaml.Located);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
