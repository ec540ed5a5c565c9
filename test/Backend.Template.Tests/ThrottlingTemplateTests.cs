using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>
/// Throttling as the emulator reads it: a REST API's MethodSettings (resource paths with each '/' written ~1), an HTTP
/// API's DefaultRouteSettings and RouteSettings (by route key), intrinsics resolved, settings without limits left out.
/// </summary>
public sealed class ThrottlingTemplateTests
{
    private const string Parameters = """
        Parameters:
          Rate:
            Type: Number
            Default: 100
          Burst:
            Type: Number
            Default: 200
        """;

    private static ApiDefinition Rest(string methodSettings) => TemplateText.Load($$"""
        {{Parameters}}
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              MethodSettings: {{methodSettings.ReplaceLineEndings(" ")}}
        """).Apis.Single();

    [Fact]
    public void A_REST_APIs_MethodSettings_are_read_with_paths_decoded_and_intrinsics_resolved()
    {
        var api = Rest("""
            [
              {ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: !Ref Rate, ThrottlingBurstLimit: !Ref Burst, MetricsEnabled: true},
              {ResourcePath: '/~1calc~1{a}~1{b}~1{op}', HttpMethod: get, ThrottlingRateLimit: 2.5},
              {ResourcePath: '/', HttpMethod: POST, ThrottlingBurstLimit: 0},
              {ResourcePath: '/*', HttpMethod: '*', LoggingLevel: INFO}
            ]
            """);

        Assert.Equal(
        [
            new ThrottleSetting(ThrottleSetting.Any, ThrottleSetting.Any, 100, 200),
            new ThrottleSetting("/calc/{a}/{b}/{op}", "GET", 2.5, null),
            new ThrottleSetting("/", "POST", null, 0),
        ], api.Throttling);
    }

    [Fact]
    public void Template_yamls_REST_and_HTTP_APIs_are_throttled_by_its_parameters()
    {
        var template = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"),
            new Dictionary<string, string> { ["ThrottlingRateLimit"] = "5", ["ThrottlingBurstLimit"] = "7" });

        Assert.Equal([new ThrottleSetting(ThrottleSetting.Any, ThrottleSetting.Any, 5, 7)], template.Apis.Single(a => a.LogicalId == "RestApi").Throttling);
        Assert.Equal([new ThrottleSetting(ThrottleSetting.Any, ThrottleSetting.Any, 5, 7)], template.Apis.Single(a => a.LogicalId == "RandomApi").Throttling);
    }

    [Fact]
    public void An_HTTP_APIs_DefaultRouteSettings_and_RouteSettings_are_read_by_route_key()
    {
        var api = TemplateText.Load($$"""
            {{Parameters}}
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  DefaultRouteSettings: {ThrottlingRateLimit: !Ref Rate, ThrottlingBurstLimit: !Ref Burst}
                  RouteSettings:
                    "GET /index": {ThrottlingBurstLimit: 3}
                    "POST /metrics-only": {DetailedMetricsEnabled: true}
            """).Apis.Single();

        Assert.Equal(
        [
            new ThrottleSetting(ThrottleSetting.Any, ThrottleSetting.Any, 100, 200),
            new ThrottleSetting("/index", "GET", null, 3),
        ], api.Throttling);
    }

    [Fact]
    public void Without_settings_an_API_has_no_throttling()
    {
        Assert.Empty(Rest("[{ResourcePath: '/*', HttpMethod: '*', MetricsEnabled: true}]").Throttling);
    }

    [Fact]
    public void Throttling_on_an_HttpApi_event_stops_the_emulator_naming_it()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateText.Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: dotnet10
                  Handler: Fn
                  CodeUri: src/Fn/
                  Events:
                    Get:
                      Type: HttpApi
                      Properties:
                        Path: /index
                        Method: get
                        RouteSettings: {ThrottlingBurstLimit: 1}
            """));

        Assert.Contains("Resources.Fn.Properties.Events.Get.RouteSettings: throttling on the event is not supported by the local emulator", error.Message);
    }

    [Theory]
    [InlineData("[{ResourcePath: '/calc', HttpMethod: GET, ThrottlingBurstLimit: 1}]", "MethodSettings[0].ResourcePath: '/calc' is not a resource path as API Gateway writes them")]
    [InlineData("[{ResourcePath: '/~1calc/GET', HttpMethod: GET, ThrottlingBurstLimit: 1}]", "MethodSettings[0].ResourcePath: '/~1calc/GET' is not a resource path")]
    [InlineData("[{HttpMethod: GET, ThrottlingBurstLimit: 1}]", "MethodSettings[0]: a throttling setting needs ResourcePath and HttpMethod")]
    [InlineData("[{ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: -1}]", "MethodSettings[0].ThrottlingRateLimit: '-1' is not a number of requests per second")]
    [InlineData("[{ResourcePath: '/*', HttpMethod: '*', ThrottlingBurstLimit: 1.5}]", "MethodSettings[0].ThrottlingBurstLimit: '1.5' is not a whole number")]
    public void A_setting_API_Gateway_would_refuse_stops_the_emulator_naming_it(string methodSettings, string message)
    {
        var error = Assert.Throws<TemplateException>(() => Rest(methodSettings));

        Assert.Contains($"Resources.Api.Properties.{message}", error.Message);
    }
}
