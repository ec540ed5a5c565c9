using System.Text.Json.Nodes;

namespace Backend.Template.Tests;

/// <summary>
/// Globals merged into functions and APIs as SAM merges them: each case is also expanded by SAM's own translator
/// (aws-sam-translator, which cfn-lint brings), and the emulator must read what SAM deploys.
/// </summary>
public sealed class GlobalsTemplateTests
{
    private const string Merged = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: dotnet10
            Timeout: 9
            LoggingConfig:
              LogFormat: JSON
              ApplicationLogLevel: INFO
            Environment:
              Variables:
                SHARED: from-globals
                OVERRIDDEN: from-globals
          Api:
            BinaryMediaTypes: [image~1png]
            Variables:
              shared: globals
              overridden: globals
        Resources:
          Merging:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/Backend.Calc/
              Handler: Backend.Calc
              LoggingConfig:
                ApplicationLogLevel: DEBUG
              Environment:
                Variables:
                  OVERRIDDEN: own
                  OWN: own
          Ignoring:
            Type: AWS::Serverless::Function
            IgnoreGlobals: [Timeout, Environment]
            Properties:
              CodeUri: src/Backend.Calc/
              Handler: Backend.Calc
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              BinaryMediaTypes: [application~1pdf]
              Variables:
                overridden: own
          Unaffected:
            Type: AWS::Serverless::Api
            IgnoreGlobals: '*'
            Properties:
              StageName: prod
        """;

    private static readonly Lazy<SamTemplate> Ours = new(() => TemplateText.Load(Merged));
    private static readonly Lazy<JsonObject> Sams = new(() => SamExpansion.ExpandText(Merged));

    [Fact]
    public void A_map_merges_key_by_key_with_the_resources_value_winning()
    {
        var function = Ours.Value.Function("Merging");
        var deployed = Sams.Value["Resources"]!["Merging"]!["Properties"]!;

        Assert.Equal(new Dictionary<string, string> { ["SHARED"] = "from-globals", ["OVERRIDDEN"] = "own", ["OWN"] = "own" }, function.Environment);
        Assert.Equal(Variables(deployed["Environment"]!["Variables"]!), function.Environment);
        // LoggingConfig is a map too: the function's own level, the global format.
        Assert.Equal(("JSON", "DEBUG"), (function.LogFormat, function.ApplicationLogLevel));
        Assert.Equal("JSON", deployed["LoggingConfig"]!["LogFormat"]!.GetValue<string>());
        Assert.Equal("DEBUG", deployed["LoggingConfig"]!["ApplicationLogLevel"]!.GetValue<string>());
    }

    [Fact]
    public void A_value_comes_from_Globals_when_the_resource_sets_none()
    {
        Assert.Equal(9, Ours.Value.Function("Merging").Timeout);
        Assert.Equal(9, Sams.Value["Resources"]!["Merging"]!["Properties"]!["Timeout"]!.GetValue<int>());
    }

    [Fact]
    public void IgnoreGlobals_leaves_the_named_properties_out()
    {
        var function = Ours.Value.Function("Ignoring");
        var deployed = Sams.Value["Resources"]!["Ignoring"]!["Properties"]!.AsObject();

        Assert.Equal(3, function.Timeout);
        Assert.Empty(function.Environment);
        Assert.False(deployed.ContainsKey("Timeout"));
        Assert.False(deployed.ContainsKey("Environment"));
        Assert.Equal("JSON", function.LogFormat);
    }

    [Fact]
    public void An_APIs_lists_are_the_global_items_then_its_own_and_its_maps_merge()
    {
        var api = Ours.Value.Apis.Single(a => a.LogicalId == "Api");
        var deployedStage = Resources(Sams.Value, "AWS::ApiGateway::Stage").Single(s => s["RestApiId"]!["Ref"]!.GetValue<string>() == "Api");
        var deployedApi = Sams.Value["Resources"]!["Api"]!["Properties"]!;

        Assert.Equal(["image/png", "application/pdf"], api.BinaryMediaTypes);
        // SAM keeps its ~1 in the RestApi's BinaryMediaTypes (API Gateway reads it as /).
        Assert.Equal(api.BinaryMediaTypes, deployedApi["BinaryMediaTypes"]!.AsArray().Select(t => t!.GetValue<string>().Replace("~1", "/", StringComparison.Ordinal)));
        Assert.Equal(new Dictionary<string, string> { ["shared"] = "globals", ["overridden"] = "own" }, api.StageVariables);
        Assert.Equal(Variables(deployedStage["Variables"]!), api.StageVariables);
    }

    [Fact]
    public void IgnoreGlobals_star_leaves_every_global_out()
    {
        var api = Ours.Value.Apis.Single(a => a.LogicalId == "Unaffected");
        var deployedStage = Resources(Sams.Value, "AWS::ApiGateway::Stage").Single(s => s["RestApiId"]!["Ref"]!.GetValue<string>() == "Unaffected");

        Assert.Empty(api.BinaryMediaTypes);
        Assert.Empty(api.StageVariables);
        Assert.False(deployedStage.AsObject().ContainsKey("Variables"));
    }

    [Fact]
    public void SAMs_implicit_API_takes_Globals_too()
    {
        const string yaml = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Api:
                Variables: {mode: implicit}
                BinaryMediaTypes: [image~1png]
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/Backend.Calc/
                  Handler: Backend.Calc
                  Runtime: dotnet10
                  Events:
                    Get: {Type: Api, Properties: {Path: /x, Method: get}}
            """;

        var api = TemplateText.Load(yaml).Apis.Single();
        var deployedStage = Resources(SamExpansion.ExpandText(yaml), "AWS::ApiGateway::Stage").Single();

        Assert.Equal((SamTemplate.ImplicitRestApi, "Prod"), (api.LogicalId, api.StageName));
        Assert.Equal("Prod", deployedStage["StageName"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { ["mode"] = "implicit" }, api.StageVariables);
        Assert.Equal(Variables(deployedStage["Variables"]!), api.StageVariables);
        Assert.Equal(["image/png"], api.BinaryMediaTypes);
    }

    [Theory]
    [InlineData("Api:\n    StageName: prod", "'StageName' is not a supported property of 'Api'")]
    [InlineData("Function:\n    Policies: []", "'Policies' is not a supported property of 'Function'")]
    [InlineData("Table:\n    SSESpecification: {}", "'Table' is not supported.")]
    public void What_SAM_refuses_in_Globals_is_refused_with_SAMs_words(string globals, string words)
    {
        var template = $"""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              {globals}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/Backend.Calc/
                  Handler: Backend.Calc
                  Runtime: dotnet10
            """;

        var ours = Assert.Throws<TemplateException>(() => TemplateText.Load(template));
        Assert.Contains(words, ours.Message);
        Assert.Contains(words, SamExpansion.RefusalOf(template));
    }

    [Fact]
    public void IgnoreGlobals_naming_a_property_Globals_does_not_set_is_refused()
    {
        var e = Assert.Throws<TemplateException>(() => TemplateText.Load("""
            Globals:
              Function:
                Timeout: 5
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [MemorySize]
                Properties: {CodeUri: src/, Handler: Fn, Runtime: dotnet10}
            """));

        Assert.Contains("has invalid resource attribute 'IgnoreGlobals' on item 'MemorySize'", e.Message);
    }

    private static Dictionary<string, string> Variables(JsonNode map) =>
        map.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<string>());

    private static IEnumerable<JsonNode> Resources(JsonObject template, string type) =>
        template["Resources"]!.AsObject().Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => r.Value!["Properties"]!);
}
