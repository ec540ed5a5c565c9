using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

public sealed class TemplateModelTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"));

    private static SamTemplate FromText(string yaml) => TemplateText.Load(yaml);

    [Fact]
    public void Functions_get_globals_and_their_own_settings()
    {
        var manager = Template.Function("DynamoDbManagerFunction");
        var calc = Template.Function("CalcFunction");

        Assert.Equal("Backend.DynamoDbManager", manager.Handler);
        Assert.Equal("src/Backend.DynamoDbManager/", manager.CodeUri);
        Assert.Equal("dotnet10", manager.Runtime);
        Assert.Equal(15, manager.Timeout);
        Assert.Equal(10, calc.Timeout);
        Assert.Equal(256, calc.MemorySize);
        Assert.Equal("JSON", calc.LogFormat);
        Assert.Equal("INFO", calc.ApplicationLogLevel);
        Assert.True(calc.TracingActive);
        Assert.Equal("lambda-apigateway", manager.Environment["TABLE_NAME"]);
        Assert.Equal(new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x400000" }, calc.Environment);
        Assert.Equal("0x400000", manager.Environment["DOTNET_GCgen0size"]);
    }

    [Fact]
    public void Routes_carry_their_api_stage_and_validation()
    {
        var routes = Template.Routes.ToDictionary(r => r.RouteKey);

        Assert.Equal(ApiKind.Rest, routes["POST /calc"].Api.Kind);
        Assert.Equal("prod", routes["POST /calc"].Api.StageName);
        Assert.Equal("$default", routes["GET /index"].Api.StageName);
        Assert.Equal(["operand1", "operand2", "operator"], routes["GET /calc"].Validation!.RequiredQueryParameters);
        Assert.True(routes["GET /calc"].Validation!.ValidateParameters);
        Assert.False(routes["GET /calc"].Validation!.ValidateBody);
        Assert.True(routes["POST /calc"].Validation!.ValidateBody);
        Assert.Equal("Input", routes["POST /calc"].Validation!.BodyModel);
        Assert.Null(routes["GET /calc/{operand1}/{operand2}/{operator}"].Validation);
        Assert.Equal("number", routes["POST /calc"].Api.Model("input")!["properties"]!["a"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Intrinsics_resolve_to_local_values()
    {
        var template = FromText("""
            Parameters:
              Stage: {Type: String, Default: dev}
            Resources:
              T:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub '${AWS::StackName}-${Stage}-items'
                  AttributeDefinitions: [{AttributeName: pk, AttributeType: N}]
                  KeySchema: [{AttributeName: pk, KeyType: HASH}]
              F:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Join ['-', [fn, !Ref Stage]]
                  CodeUri: src/F/
                  Handler: F
                  Runtime: dotnet10
                  Environment:
                    Variables:
                      TABLE: !Ref T
                      TABLE_ARN: !GetAtt T.Arn
                      SELF: !GetAtt [F, Arn]
                      REGION: !Sub '${AWS::Region}'
                      LONG: {"Fn::Sub": ["${Name}@${AWS::AccountId}", {Name: !Ref T}]}
                      LITERAL: !Sub '${!NotAVariable}'
            """);

        var function = template.Function("F");
        Assert.Equal("backend-dev-items", function.Environment["TABLE"]);
        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/backend-dev-items", function.Environment["TABLE_ARN"]);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:fn-dev", function.Environment["SELF"]);
        Assert.Equal("us-east-1", function.Environment["REGION"]);
        Assert.Equal("backend-dev-items@123456789012", function.Environment["LONG"]);
        Assert.Equal("${NotAVariable}", function.Environment["LITERAL"]);
        Assert.Equal("fn-dev", function.FunctionName);
        Assert.Equal(3, function.Timeout);
        Assert.Equal(128, function.MemorySize);
    }

    [Fact]
    public void Events_without_an_api_id_go_to_SAMs_implicit_apis()
    {
        var template = FromText("""
            Resources:
              F:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/F/
                  Handler: F
                  Runtime: dotnet10
                  Events:
                    Rest: {Type: Api, Properties: {Path: '/items/{proxy+}', Method: any}}
                    Http: {Type: HttpApi, Properties: {Path: /things, Method: get}}
                    Queue: {Type: SQS, Properties: {Queue: arn}}
            """);

        var rest = template.Routes.Single(r => r.EventName == "Rest");
        Assert.Equal(("ServerlessRestApi", "Prod", "ANY"), (rest.Api.LogicalId, rest.Api.StageName, rest.Method));
        Assert.Equal("ServerlessHttpApi", template.Routes.Single(r => r.EventName == "Http").Api.LogicalId);
        Assert.Contains(template.Warnings, w => w.Contains("Events.Queue: events of type SQS are not triggered locally", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Runtime: nodejs20.x", "Resources.F.Properties.Runtime: nodejs20.x is not supported by the local emulator")]
    [InlineData("Handler: F::F.Function::Handle", "class-library handlers (Assembly::Type::Method) are not supported")]
    [InlineData("Environment: {Variables: {X: !Select [0, [a]]}}", "Resources.F.Properties.Environment.Variables.X: !Select is not supported by the local emulator")]
    [InlineData("Environment: {Variables: {X: !Ref Missing}}", "!Ref Missing names no parameter or resource of the template")]
    [InlineData("Events: {E: {Type: Api, Properties: {RestApiId: !Ref Nope, Path: /x, Method: get}}}", "Events.E: !Ref Nope names no API of the template")]
    public void Constructs_the_emulator_cannot_serve_are_named(string line, string message)
    {
        var yaml = """
            Resources:
              F:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/F/
            """ + "\n      " + line + (line.StartsWith("Runtime", StringComparison.Ordinal) ? "\n      Handler: F" : line.StartsWith("Handler", StringComparison.Ordinal) ? "\n      Runtime: dotnet10" : "\n      Handler: F\n      Runtime: dotnet10");

        var error = Assert.Throws<TemplateException>(() => FromText(yaml));

        Assert.Contains(message, error.Message);
    }
}
