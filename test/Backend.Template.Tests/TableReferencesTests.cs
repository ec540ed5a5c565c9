using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>Which tables a function is wired to: what decides whether its first instance waits for DynamoDB Local.</summary>
public sealed class TableReferencesTests
{
    [Fact]
    public void The_repository_functions_name_the_tables_they_use_and_Calc_none()
    {
        var template = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"));

        Assert.Equal(["ItemsTable"], template.Function("DynamoDbManagerFunction").TableReferences);
        Assert.Equal(["BooksTable"], template.Function("BooksFunction").TableReferences);
        Assert.Equal([], template.Function("CalcFunction").TableReferences);
        Assert.Equal([], template.Function("RandomNumberFunction").TableReferences);
    }

    [Theory]
    [InlineData("Policies:\n        - DynamoDBReadPolicy:\n            TableName: !Ref Orders")]
    [InlineData("Policies:\n        - Statement:\n            - Effect: Allow\n              Action: dynamodb:GetItem\n              Resource: !GetAtt Orders.Arn")]
    [InlineData("Policies:\n        - Statement:\n            - Effect: Allow\n              Action: dynamodb:GetItem\n              Resource:\n                Fn::GetAtt: [Orders, Arn]")]
    [InlineData("Environment:\n        Variables:\n          ORDERS: !Sub '${Orders}'")]
    [InlineData("Environment:\n        Variables:\n          ORDERS:\n            Ref: Orders")]
    [InlineData("Environment:\n        Variables:\n          ORDERS_ARN: !Sub 'arn is ${Orders.Arn}'")]
    public void A_table_named_by_Ref_GetAtt_or_Sub_anywhere_in_the_properties_is_a_reference(string properties)
    {
        Assert.Equal(["Orders"], Load(properties).Function("Fn").TableReferences);
    }

    [Theory]
    [InlineData("Environment:\n        Variables:\n          NAME: Orders")]
    [InlineData("Environment:\n        Variables:\n          LITERAL: !Sub '${!Orders}'")]
    [InlineData("Environment:\n        Variables:\n          REGION: !Ref AWS::Region")]
    public void A_plain_string_an_escaped_Sub_or_another_resource_is_not(string properties)
    {
        Assert.Equal([], Load(properties).Function("Fn").TableReferences);
    }

    private static SamTemplate Load(string properties)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $$"""
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Orders:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      BillingMode: PAY_PER_REQUEST
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/Fn
                      Handler: Fn
                      Runtime: dotnet10
                      {{properties}}
                """);
            return SamTemplate.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
