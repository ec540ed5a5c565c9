using System.Diagnostics;
using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>
/// template.yaml as CloudFormation will deploy it: expanded by SAM's own translator (aws-sam-translator, which
/// cfn-lint brings), so the roles, stages and methods asserted here are the ones AWS creates.
/// </summary>
public sealed class ExpandedTemplateTests
{
    private static readonly Lazy<JsonObject> Default = new(() => Expand());

    private static JsonObject Resources(JsonObject template) => template["Resources"]!.AsObject();

    private static JsonObject Expand(params string[] overrides)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sam-expand.py"));
        start.ArgumentList.Add("template.yaml");
        foreach (var o in overrides) start.ArgumentList.Add(o);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        return JsonNode.Parse(stdout.Result)!.AsObject();
    }

    private static IEnumerable<(string LogicalId, JsonObject Properties)> OfType(JsonObject template, string type) =>
        Resources(template).Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!["Properties"]!.AsObject()));

    private static JsonObject RoleOf(string function) =>
        Resources(Default.Value)[Resources(Default.Value)[function]!["Properties"]!["Role"]!["Fn::GetAtt"]![0]!.GetValue<string>()]!["Properties"]!.AsObject();

    [Fact]
    public void Each_function_has_its_own_role()
    {
        var roles = OfType(Default.Value, "AWS::Lambda::Function").Select(f => f.Properties["Role"]!["Fn::GetAtt"]![0]!.GetValue<string>()).ToList();

        Assert.Equal(3, roles.Count);
        Assert.Equal(roles.Count, roles.Distinct().Count());
    }

    [Fact]
    public void DynamoDbManagers_role_allows_exactly_five_item_actions_on_its_own_table()
    {
        var role = RoleOf("DynamoDbManagerFunction");
        var statement = Assert.Single(Assert.Single(role["Policies"]!.AsArray())!["PolicyDocument"]!["Statement"]!.AsArray())!;

        Assert.Equal("Allow", statement["Effect"]!.GetValue<string>());
        Assert.Equal(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"],
            statement["Action"]!.AsArray().Select(a => a!.GetValue<string>()).Order());
        Assert.Equal("""{"Fn::GetAtt":["ItemsTable","Arn"]}""", statement["Resource"]!.ToJsonString());
        Assert.Equal(BasicAndTracing, ManagedPolicies(role));
    }

    [Theory]
    [InlineData("CalcFunction")]
    [InlineData("RandomNumberFunction")]
    public void Calc_and_RandomNumber_may_only_log_and_trace(string function)
    {
        var role = RoleOf(function);

        Assert.Null(role["Policies"]);
        Assert.Equal(BasicAndTracing, ManagedPolicies(role));
    }

    private static readonly string[] BasicAndTracing =
        ["arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"];

    private static IEnumerable<string> ManagedPolicies(JsonObject role) => role["ManagedPolicyArns"]!.AsArray().Select(a => a!.GetValue<string>()).Order();

    [Fact]
    public void The_REST_stage_throttles_and_writes_access_logs()
    {
        var stage = Assert.Single(OfType(Default.Value, "AWS::ApiGateway::Stage")).Properties;
        var settings = Assert.Single(stage["MethodSettings"]!.AsArray())!;

        Assert.Equal("prod", stage["StageName"]!.GetValue<string>());
        Assert.Equal(("/*", "*"), (settings["ResourcePath"]!.GetValue<string>(), settings["HttpMethod"]!.GetValue<string>()));
        Assert.Equal("""{"Ref":"ThrottlingRateLimit"}""", settings["ThrottlingRateLimit"]!.ToJsonString());
        Assert.Equal("""{"Ref":"ThrottlingBurstLimit"}""", settings["ThrottlingBurstLimit"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["RestApiAccessLogs","Arn"]}""", stage["AccessLogSetting"]!["DestinationArn"]!.ToJsonString());
        Assert.Contains("$context.requestId", stage["AccessLogSetting"]!["Format"]!.GetValue<string>());
        // REST APIs log through the account's API Gateway CloudWatch role, which the template sets.
        Assert.Single(OfType(Default.Value, "AWS::ApiGateway::Account"));
    }

    [Fact]
    public void The_HTTP_API_stage_throttles_and_writes_access_logs()
    {
        var stage = Assert.Single(OfType(Default.Value, "AWS::ApiGatewayV2::Stage")).Properties;

        Assert.Equal("""{"Ref":"ThrottlingRateLimit"}""", stage["DefaultRouteSettings"]!["ThrottlingRateLimit"]!.ToJsonString());
        Assert.Equal("""{"Ref":"ThrottlingBurstLimit"}""", stage["DefaultRouteSettings"]!["ThrottlingBurstLimit"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["RandomApiAccessLogs","Arn"]}""", stage["AccessLogSettings"]!["DestinationArn"]!.ToJsonString());
    }

    [Fact]
    public void Access_logs_are_kept_for_a_bounded_time()
    {
        var groups = OfType(Default.Value, "AWS::Logs::LogGroup").ToList();

        Assert.Equal(["RandomApiAccessLogs", "RestApiAccessLogs"], groups.Select(g => g.LogicalId).Order());
        Assert.All(groups, g => Assert.Equal("""{"Ref":"AccessLogRetentionDays"}""", g.Properties["RetentionInDays"]!.ToJsonString()));
    }

    [Theory]
    [InlineData("NONE", false)]
    [InlineData("AWS_IAM", true)]
    public void ApiAuth_switches_SigV4_on_every_REST_method_and_defaults_to_open(string value, bool signed)
    {
        var template = value == "NONE" ? Default.Value : Expand("ApiAuth=" + value);
        var paths = Resources(template)["RestApi"]!["Properties"]!["Body"]!["paths"]!.AsObject();
        var methods = paths.SelectMany(p => p.Value!.AsObject().Select(m => m.Value!)).ToList();

        Assert.Equal(4, methods.Count);
        Assert.All(methods, m => Assert.Equal(signed, m["security"] is not null));
        Assert.Equal("NONE", TemplateDocument.Load().Root.Children.Single(c => c.Key.ToString() == "Parameters").Value["ApiAuth"]["Default"].ToString());
    }

    [Fact]
    public void No_secret_is_in_the_template_or_a_functions_environment()
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf("template.yaml"));
        var variables = OfType(Default.Value, "AWS::Lambda::Function")
            .SelectMany(f => f.Properties["Environment"]?["Variables"]?.AsObject() ?? []).ToList();

        Assert.DoesNotMatch(@"AKIA[0-9A-Z]{16}|aws_secret_access_key|NoEcho", text);
        Assert.NotEmpty(variables);
        Assert.All(variables, v => Assert.DoesNotMatch("(?i)secret|password|token|access_key|api_key|credential", v.Key));
        Assert.Equal(["DOTNET_GCgen0size", "TABLE_NAME"], variables.Select(v => v.Key).Distinct().Order());
    }
}
