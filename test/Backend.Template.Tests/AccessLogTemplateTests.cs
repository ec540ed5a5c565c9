using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>
/// Access log formats as the emulator reads them: SAM's AccessLogSetting (Api) and AccessLogSettings (HttpApi),
/// intrinsics resolved, parsed into text and $context variables, and held to what API Gateway deploys.
/// </summary>
public sealed class AccessLogTemplateTests
{
    private static string Api(string type, string property, string format) => $$"""
        Parameters:
          Prefix:
            Type: String
            Default: id
        Resources:
          Api:
            Type: {{type}}
            Properties:
              StageName: prod
              {{property}}:
                DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                Format: {{format}}
        """;

    private static string Rest(string format) => Api("AWS::Serverless::Api", "AccessLogSetting", format);
    private static string Http(string format) => Api("AWS::Serverless::HttpApi", "AccessLogSettings", format);

    [Fact]
    public void A_REST_format_is_parsed_into_text_and_variables()
    {
        var format = TemplateText.Load(Rest("""'{"id":"$context.requestId","ip":"$context.identity.sourceIp"} $context.status.'""")).Apis.Single().AccessLog!;

        Assert.Equal(
            [
                AccessLogPart.Literal("{\"id\":\""), AccessLogPart.Variable("requestId"), AccessLogPart.Literal("\",\"ip\":\""),
                AccessLogPart.Variable("identity.sourceIp"), AccessLogPart.Literal("\"} "), AccessLogPart.Variable("status"), AccessLogPart.Literal("."),
            ],
            format.Parts);
    }

    [Fact]
    public void An_HTTP_APIs_AccessLogSettings_format_is_read_with_intrinsics_resolved()
    {
        var format = TemplateText.Load(Http("""!Sub '${Prefix}=$context.requestId $context.routeKey'""")).Apis.Single().AccessLog!;

        Assert.Equal("id=$context.requestId $context.routeKey", format.Text);
        Assert.Equal(["requestId", "routeKey"], format.Parts.Where(p => p.IsVariable).Select(p => p.Text));
    }

    [Fact]
    public void An_API_without_an_access_log_setting_logs_nothing()
    {
        var api = TemplateText.Load("""
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
            """).Apis.Single();

        Assert.Null(api.AccessLog);
    }

    [Fact]
    public void The_repository_templates_APIs_have_their_formats()
    {
        var apis = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml")).Apis.ToDictionary(a => a.LogicalId);

        Assert.Contains(apis["RestApi"].AccessLog!.Parts, p => p is { IsVariable: true, Text: "resourcePath" });
        Assert.Contains(apis["RandomApi"].AccessLog!.Parts, p => p is { IsVariable: true, Text: "integrationErrorMessage" });
    }

    [Theory]
    [InlineData("'$context.extendedRequestId $context.resourcePath $context.authorizer.claims.sub $context.requestOverride.header.x'")]
    [InlineData("'$context.requestId $context.integration.error $context.wafResponseCode'")]
    public void Variables_API_Gateway_documents_for_REST_APIs_are_taken(string format) =>
        Assert.NotNull(TemplateText.Load(Rest(format)).Apis.Single().AccessLog);

    [Theory]
    [InlineData("'$context.status'", "Resources.Api.Properties.AccessLogSetting.Format must include $context.requestId or $context.extendedRequestId, as API Gateway requires")]
    [InlineData("'$context.requestId $context.routeKey'", "Resources.Api.Properties.AccessLogSetting.Format: $context.routeKey is not an access log variable of a REST API (API Gateway refuses the stage)")]
    [InlineData("'$context.requestId $context.requestid2'", "Resources.Api.Properties.AccessLogSetting.Format: $context.requestid2 is not an access log variable of a REST API (API Gateway refuses the stage)")]
    [InlineData("\"$context.requestId\\n$context.status\"", "Resources.Api.Properties.AccessLogSetting.Format: an access log format cannot have line breaks (API Gateway refuses it)")]
    public void A_REST_format_API_Gateway_would_not_deploy_stops_the_emulator(string format, string message) =>
        Assert.Equal(message, Assert.Throws<TemplateException>(() => TemplateText.Load(Rest(format))).Message);

    [Theory]
    [InlineData("'$context.extendedRequestId'", "Resources.Api.Properties.AccessLogSettings.Format must include $context.requestId, as API Gateway requires")]
    [InlineData("'$context.requestId $context.resourcePath'", "Resources.Api.Properties.AccessLogSettings.Format: $context.resourcePath is not an access log variable of an HTTP API (API Gateway refuses the stage)")]
    public void An_HTTP_format_API_Gateway_would_not_deploy_stops_the_emulator(string format, string message) =>
        Assert.Equal(message, Assert.Throws<TemplateException>(() => TemplateText.Load(Http(format))).Message);

    [Fact]
    public void The_other_kinds_property_name_is_refused()
    {
        var yaml = Api("AWS::Serverless::HttpApi", "AccessLogSetting", "'$context.requestId'");

        Assert.Equal("Resources.Api.Properties.AccessLogSetting is not a property of AWS::Serverless::HttpApi (AccessLogSettings is)",
            Assert.Throws<TemplateException>(() => TemplateText.Load(yaml)).Message);
    }
}
