using Backend.Lambda.TestUtilities;
using YamlDotNet.RepresentationModel;

namespace Backend.Template.Tests;

/// <summary>Least privilege, read from the template's policies.</summary>
public sealed class PolicyTests
{
    private static readonly TemplateDocument Template = TemplateDocument.Load();

    private static YamlMappingNode Function(string logicalId) =>
        Template.ResourcesOfType("AWS::Serverless::Function").Single(f => f.LogicalId == logicalId).Properties;

    [Fact]
    public void DynamoDbManager_may_only_get_put_update_delete_and_scan_its_own_table()
    {
        var policies = (YamlSequenceNode)Function("DynamoDbManagerFunction").Children["Policies"];
        var statement = (YamlMappingNode)Assert.Single(((YamlSequenceNode)((YamlMappingNode)Assert.Single(policies.Children)).Children["Statement"]).Children);

        Assert.Equal("Allow", TemplateDocument.Scalar(statement, "Effect"));
        Assert.Equal(
            ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"],
            ((YamlSequenceNode)statement.Children["Action"]).Children.Select(a => a.ToString()).Order());
        var resource = (YamlScalarNode)statement.Children["Resource"];
        Assert.Equal("!GetAtt", resource.Tag.Value);
        Assert.Equal("ItemsTable.Arn", resource.Value);
    }

    [Fact]
    public void The_function_is_told_its_table_by_reference()
    {
        var variables = TemplateDocument.Map(TemplateDocument.Map(Function("DynamoDbManagerFunction"), "Environment"), "Variables");
        var tableName = (YamlScalarNode)variables.Children["TABLE_NAME"];

        Assert.Equal("!Ref", tableName.Tag.Value);
        Assert.Equal("ItemsTable", tableName.Value);
    }

    [Theory]
    [InlineData("CalcFunction")]
    [InlineData("RandomNumberFunction")]
    public void Calc_and_RandomNumber_get_no_policies_beyond_SAMs_basic_role(string logicalId) =>
        Assert.False(Function(logicalId).Children.ContainsKey("Policies"));

    [Fact]
    public void The_table_is_retained_encrypted_recoverable_and_on_demand()
    {
        var resources = TemplateDocument.Map(Template.Root, "Resources");
        var table = TemplateDocument.Map(resources, "ItemsTable");
        var properties = TemplateDocument.Map(table, "Properties");

        Assert.Equal("Retain", TemplateDocument.Scalar(table, "DeletionPolicy"));
        Assert.Equal("Retain", TemplateDocument.Scalar(table, "UpdateReplacePolicy"));
        Assert.Equal("PAY_PER_REQUEST", TemplateDocument.Scalar(properties, "BillingMode"));
        Assert.Equal("true", TemplateDocument.Scalar(TemplateDocument.Map(properties, "PointInTimeRecoverySpecification"), "PointInTimeRecoveryEnabled"));
        Assert.Equal("true", TemplateDocument.Scalar(TemplateDocument.Map(properties, "SSESpecification"), "SSEEnabled"));
    }
}
