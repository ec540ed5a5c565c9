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

    private static JsonObject Expand(params string[] overrides) => SamExpansion.Expand(RepositoryFiles.PathOf("template.yaml"), overrides);

    private static IEnumerable<(string LogicalId, JsonObject Properties)> OfType(JsonObject template, string type) =>
        Resources(template).Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!["Properties"]!.AsObject()));

    private static JsonObject RoleOf(string function) =>
        Resources(Default.Value)[Resources(Default.Value)[function]!["Properties"]!["Role"]!["Fn::GetAtt"]![0]!.GetValue<string>()]!["Properties"]!.AsObject();

    [Fact]
    public void Each_function_has_its_own_role()
    {
        var roles = OfType(Default.Value, "AWS::Lambda::Function").Select(f => f.Properties["Role"]!["Fn::GetAtt"]![0]!.GetValue<string>()).ToList();

        Assert.Equal(5, roles.Count);
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

    [Fact]
    public void Books_role_allows_exactly_five_item_actions_on_its_own_table()
    {
        var role = RoleOf("BooksFunction");
        var statement = Assert.Single(Assert.Single(role["Policies"]!.AsArray())!["PolicyDocument"]!["Statement"]!.AsArray())!;

        Assert.Equal(["Action", "Effect", "Resource"], statement.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Allow", statement["Effect"]!.GetValue<string>());
        Assert.Equal(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:UpdateItem"],
            statement["Action"]!.AsArray().Select(a => a!.GetValue<string>()).Order());
        Assert.Equal("""{"Fn::GetAtt":["BooksTable","Arn"]}""", statement["Resource"]!.ToJsonString());
        Assert.Equal(BasicAndTracing, ManagedPolicies(role));
    }

    [Theory]
    [InlineData("ItemsTable")]
    [InlineData("BooksTable")]
    public void Tables_are_on_demand_encrypted_recoverable_and_kept(string table)
    {
        var resource = Resources(Default.Value)[table]!;
        var properties = resource["Properties"]!;

        Assert.Equal("AWS::DynamoDB::Table", resource["Type"]!.GetValue<string>());
        Assert.Equal(("Retain", "Retain"), (resource["DeletionPolicy"]!.GetValue<string>(), resource["UpdateReplacePolicy"]!.GetValue<string>()));
        Assert.Equal("PAY_PER_REQUEST", properties["BillingMode"]!.GetValue<string>());
        Assert.True(properties["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!.GetValue<bool>());
        Assert.True(properties["SSESpecification"]!["SSEEnabled"]!.GetValue<bool>());
        Assert.Equal("""[{"AttributeName":"id","KeyType":"HASH"}]""", properties["KeySchema"]!.ToJsonString());
    }

    private static JsonObject RestPaths(JsonObject template) => Resources(template)["RestApi"]!["Properties"]!["Body"]!["paths"]!.AsObject();

    [Fact]
    public void The_bookstore_routes_go_to_BooksFunction_and_the_Book_model_validates_POST_and_PUT_bodies()
    {
        var body = Resources(Default.Value)["RestApi"]!["Properties"]!["Body"]!;
        var paths = RestPaths(Default.Value);
        var routes = new[] { "/books", "/books/{id}" }
            .SelectMany(p => paths[p]!.AsObject().Where(m => m.Key != "options").Select(m => (Route: $"{m.Key.ToUpperInvariant()} {p}", Method: m.Value!))).ToList();

        Assert.Equal(["DELETE /books/{id}", "GET /books", "GET /books/{id}", "POST /books", "PUT /books/{id}"], routes.Select(r => r.Route).Order());
        Assert.All(routes, r => Assert.Contains("${BooksFunction.Arn}", r.Method["x-amazon-apigateway-integration"]!["uri"]!["Fn::Sub"]!.GetValue<string>()));
        foreach (var (route, method) in routes)
        {
            var validated = route.StartsWith("POST", StringComparison.Ordinal) || route.StartsWith("PUT", StringComparison.Ordinal);
            Assert.Equal(validated ? "body-only" : null, method["x-amazon-apigateway-request-validator"]?.GetValue<string>());
            if (validated) Assert.Equal("#/definitions/book", Assert.Single(method["parameters"]!.AsArray())!["schema"]!["$ref"]!.GetValue<string>());
        }
        Assert.True(body["x-amazon-apigateway-request-validators"]!["body-only"]!["validateRequestBody"]!.GetValue<bool>());
        var book = body["definitions"]!["book"]!;
        Assert.Equal(["author", "title"], book["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        Assert.False(book["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(["author", "id", "isbn", "price", "title", "year"], book["properties"]!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public void Every_REST_path_answers_the_CORS_preflight_from_a_mock_integration_with_the_configured_headers()
    {
        var paths = RestPaths(Default.Value);

        Assert.Equal(5, paths.Count);
        foreach (var (path, item) in paths)
        {
            var options = item!["options"]!;
            var integration = options["x-amazon-apigateway-integration"]!;
            Assert.Equal("mock", integration["type"]!.GetValue<string>());
            var response = integration["responses"]!["default"]!;
            var headers = response["responseParameters"]!;
            Assert.Equal("200", response["statusCode"]!.GetValue<string>());
            Assert.Equal("'${BooksAllowedOrigin}'", headers["method.response.header.Access-Control-Allow-Origin"]!["Fn::Sub"]!.GetValue<string>());
            Assert.Equal("'GET,POST,PUT,DELETE,OPTIONS'", headers["method.response.header.Access-Control-Allow-Methods"]!.GetValue<string>());
            Assert.Equal("'Content-Type,If-Match,If-None-Match,Authorization,X-Amz-Date,X-Api-Key'", headers["method.response.header.Access-Control-Allow-Headers"]!.GetValue<string>());
            Assert.Equal("'600'", headers["method.response.header.Access-Control-Max-Age"]!.GetValue<string>());
            Assert.Equal(4, headers.AsObject().Count);
            Assert.True(options["security"] is null, path);
        }
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
    [InlineData("", null)]
    [InlineData("AWS_IAM", "AWS_IAM")]
    [InlineData("TokenAuthorizer", "TokenAuthorizer")]
    public void ApiAuth_puts_one_authorizer_on_every_REST_method_and_defaults_to_open(string value, string? authorizer)
    {
        var template = value == "" ? Default.Value : Expand("ApiAuth=" + value);
        var methods = RestPaths(template).SelectMany(p => p.Value!.AsObject()).ToList();
        var routes = methods.Where(m => m.Key != "options").Select(m => m.Value!).ToList();

        Assert.Equal(9, routes.Count);
        Assert.All(routes, m => Assert.Equal(authorizer, m["security"]?[0]!.AsObject().Single().Key));
        // A browser never signs a preflight: the OPTIONS methods stay open (AddDefaultAuthorizerToCorsPreflight: false).
        Assert.Equal(5, methods.Count(m => m.Key == "options"));
        Assert.All(methods.Where(m => m.Key == "options"), m => Assert.Null(m.Value!["security"]));
        Assert.Equal("", TemplateDocument.Load().Root.Children.Single(c => c.Key.ToString() == "Parameters").Value["ApiAuth"]["Default"].ToString());
    }

    /// <summary>
    /// Why ApiAuth's "open" value is empty and not NONE: once the API has Authorizers, SAM refuses a DefaultAuthorizer
    /// that names none of them (aws-sam-translator _set_default_authorizer); an empty one sets nothing.
    /// </summary>
    [Fact]
    public void SAM_refuses_NONE_as_the_default_authorizer_of_an_API_with_authorizers()
    {
        var exception = Assert.ThrowsAny<Exception>(() => Expand("ApiAuth=NONE"));

        Assert.Contains("Unable to set DefaultAuthorizer because 'NONE' was not defined in 'Authorizers'.", exception.Message);
    }

    [Fact]
    public void The_token_authorizer_is_the_authorizer_function_with_a_cached_Authorization_header()
    {
        var definition = Resources(Default.Value)["RestApi"]!["Properties"]!["Body"]!["securityDefinitions"]!["TokenAuthorizer"]!;
        var authorizer = definition["x-amazon-apigateway-authorizer"]!;

        Assert.Equal("Authorization", definition["name"]!.GetValue<string>());
        Assert.Equal("token", authorizer["type"]!.GetValue<string>());
        Assert.Equal(300, authorizer["authorizerResultTtlInSeconds"]!.GetValue<int>());
        Assert.Contains("\"AuthorizerFunction\"", authorizer["authorizerUri"]!.ToJsonString());
        Assert.NotNull(Resources(Default.Value)["RestApiTokenAuthorizerAuthorizerPermission"]);
    }

    [Fact]
    public void No_secret_is_in_the_template_or_a_functions_environment()
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf("template.yaml"));
        var variables = OfType(Default.Value, "AWS::Lambda::Function")
            .SelectMany(f => f.Properties["Environment"]?["Variables"]?.AsObject() ?? []).ToList();

        Assert.DoesNotMatch(@"AKIA[0-9A-Z]{16}|aws_secret_access_key", text);
        Assert.NotEmpty(variables);
        // The one secret, the authorizer's token, comes from a NoEcho parameter with an empty default: the template
        // holds none, and the deployment that sets it keeps it out of CloudFormation's outputs and events.
        var parameters = Default.Value["Parameters"]!.AsObject();
        var secrets = parameters.Where(p => p.Value!["NoEcho"]?.ToString() == "true").Select(p => p.Key).ToList();
        Assert.Equal(["ApiToken"], secrets);
        Assert.Equal("", parameters["ApiToken"]!["Default"]!.GetValue<string>());
        var fromSecrets = variables.Where(v => secrets.Any(s => v.Value!.ToJsonString() == $$"""{"Ref":"{{s}}"}""")).Select(v => v.Key).ToList();
        Assert.Equal(["AUTH_TOKEN"], fromSecrets);
        Assert.All(variables.Where(v => !fromSecrets.Contains(v.Key)), v => Assert.DoesNotMatch("(?i)secret|password|token|access_key|api_key|credential", v.Key));
        Assert.Equal(["ALLOWED_ORIGIN", "AUTH_TOKEN", "DOTNET_GCgen0size", "TABLE_NAME"], variables.Select(v => v.Key).Distinct().Order());
    }
}
