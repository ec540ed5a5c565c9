using Xunit.Sdk;

namespace Backend.Local.Tests.ControlPlane;

public class BotocoreModelTests
{
    // What GetFunctionConfiguration answers for a small zip function (values as Lambda sends them).
    private const string Configuration = """
        {
          "FunctionName": "echo",
          "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:echo",
          "Runtime": "provided.al2023",
          "Role": "arn:aws:iam::123456789012:role/lambda-role",
          "Handler": "bootstrap",
          "CodeSize": 412,
          "Description": "",
          "Timeout": 3,
          "MemorySize": 128,
          "LastModified": "2024-05-01T12:00:00.000+0000",
          "CodeSha256": "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
          "Version": "$LATEST",
          "Environment": { "Variables": { "STAGE": "test" } },
          "TracingConfig": { "Mode": "PassThrough" },
          "RevisionId": "0b2e2a8e-3c64-4f0a-9d55-1d1e6d1f2b6a",
          "State": "Active",
          "LastUpdateStatus": "Successful",
          "PackageType": "Zip",
          "Architectures": [ "x86_64" ],
          "EphemeralStorage": { "Size": 512 },
          "SnapStart": { "ApplyOn": "None", "OptimizationStatus": "Off" },
          "LoggingConfig": { "LogFormat": "Text", "LogGroup": "/aws/lambda/echo" }
        }
        """;

    [Fact]
    public void The_model_is_botocores_lambda_model()
    {
        Assert.EndsWith("botocore/data/lambda/2015-03-31/service-2.json.gz", BotocoreModel.ModelPath);
        Assert.Contains("CreateFunction", BotocoreModel.OperationNames);
        Assert.Contains("PutFunctionConcurrency", BotocoreModel.OperationNames);
    }

    [Fact]
    public void A_correct_function_configuration_passes() =>
        BotocoreModel.AssertOutputShape("GetFunctionConfiguration", Configuration);

    [Fact]
    public void A_misspelled_member_fails_naming_it_and_the_allowed_members()
    {
        var failure = Assert.Throws<XunitException>(() =>
            BotocoreModel.AssertOutputShape("GetFunctionConfiguration", Configuration.Replace("\"FunctionName\"", "\"FunctionNme\"")));

        Assert.Contains("$.FunctionNme", failure.Message);
        Assert.Contains("FunctionName, FunctionArn", failure.Message);
    }

    [Fact]
    public void A_string_where_an_integer_belongs_fails()
    {
        var failure = Assert.Throws<XunitException>(() =>
            BotocoreModel.AssertOutputShape("GetFunctionConfiguration", Configuration.Replace("\"MemorySize\": 128", "\"MemorySize\": \"128\"")));

        Assert.Contains("$.MemorySize: expected an integer", failure.Message);
    }

    [Fact]
    public void A_misspelled_nested_member_fails_with_its_path()
    {
        var failure = Assert.Throws<XunitException>(() =>
            BotocoreModel.AssertOutputShape("GetFunctionConfiguration", Configuration.Replace("\"Variables\"", "\"Variabels\"")));

        Assert.Contains("$.Environment.Variabels: 'Variabels' is not a member of EnvironmentResponse", failure.Message);
    }

    [Fact]
    public void A_value_outside_an_enum_fails()
    {
        var failure = Assert.Throws<XunitException>(() =>
            BotocoreModel.AssertOutputShape("GetFunctionConfiguration", Configuration.Replace("\"State\": \"Active\"", "\"State\": \"active\"")));

        Assert.Contains("$.State: 'active' is not one of State's values", failure.Message);
    }

    [Fact]
    public void A_null_member_fails_because_lambda_omits_unset_members()
    {
        var failure = Assert.Throws<XunitException>(() =>
            BotocoreModel.AssertOutputShape("GetFunctionConfiguration", Configuration.Replace("\"Description\": \"\"", "\"Description\": null")));

        Assert.Contains("$.Description is null", failure.Message);
    }

    [Fact]
    public void A_list_is_checked_element_by_element()
    {
        var good = $$"""{ "Functions": [ {{Configuration}}, { "FunctionName": "other" } ] }""";
        var bad = $$"""{ "Functions": [ {{Configuration}}, { "FunctionName": "other", "Timeout": 3.5 } ], "NextMarker": "x" }""";

        BotocoreModel.AssertOutputShape("ListFunctions", good);
        var failure = Assert.Throws<XunitException>(() => BotocoreModel.AssertOutputShape("ListFunctions", bad));
        Assert.Contains("$.Functions[1].Timeout: expected an integer", failure.Message);
        Assert.DoesNotContain("Functions[0]", failure.Message);
    }

    [Fact]
    public void A_missing_required_member_fails()
    {
        var failure = Assert.Throws<XunitException>(() =>
            BotocoreModel.AssertOutputShape("GetFunctionUrlConfig", """{ "FunctionUrl": "https://x.lambda-url.us-east-1.on.aws/", "AuthType": "NONE" }"""));

        Assert.Contains("$.FunctionArn: required member of GetFunctionUrlConfigResponse is missing", failure.Message);
    }

    [Fact]
    public void Header_members_the_cli_prints_are_allowed_but_not_required()
    {
        // aws lambda invoke prints the status code and headers; the payload went to a file.
        BotocoreModel.AssertOutputShape("Invoke", """{ "StatusCode": 200, "ExecutedVersion": "$LATEST" }""");
        BotocoreModel.AssertOutputShape("GetFunctionConcurrency", "{}");
    }

    [Fact]
    public void An_operation_the_model_lacks_fails() =>
        Assert.Throws<XunitException>(() => BotocoreModel.AssertOutputShape("CreateFunktion", "{}"));
}
