using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>SAM's CorsConfiguration of an HTTP API, read as aws-sam-translator reads it, and what the emulator refuses.</summary>
public sealed class HttpCorsTemplateTests
{
    private static string HttpApi(string cors, string globals = "") => $"""
        Parameters:
          Origins:
            Type: CommaDelimitedList
            Default: https://a.example,https://b.example
        {globals}
        Resources:
          Web:
            Type: AWS::Serverless::HttpApi
            Properties:
              CorsConfiguration: {cors}
        """;

    private static HttpCorsDefinition? Read(string cors) => TemplateText.Load(HttpApi(cors)).Apis.Single().HttpCors;

    [Fact]
    public void True_allows_any_origin_and_nothing_else_as_SAM_expands_it()
    {
        var cors = Read("true")!;

        Assert.Equal(["*"], cors.AllowOrigins);
        Assert.Empty(cors.AllowMethods);
        Assert.Empty(cors.AllowHeaders);
        Assert.Empty(cors.ExposeHeaders);
        Assert.Null(cors.MaxAge);
        Assert.False(cors.AllowCredentials);
    }

    [Fact]
    public void False_or_no_CorsConfiguration_is_no_CORS()
    {
        Assert.Null(Read("false"));
        Assert.Null(TemplateText.Load("""
            Resources:
              Web:
                Type: AWS::Serverless::HttpApi
            """).Apis.Single().HttpCors);
    }

    [Fact]
    public void An_intrinsic_is_the_list_of_origins()
    {
        Assert.Equal(["https://a.example", "https://b.example"], Read("!Ref Origins")!.AllowOrigins);
    }

    [Fact]
    public void Every_property_is_read_as_plain_values_and_lists()
    {
        var cors = Read("{AllowOrigins: [https://a.example, !Sub 'https://${AWS::Region}.example'], AllowMethods: [GET, put], AllowHeaders: [content-type], ExposeHeaders: [etag, x-id], MaxAge: 300, AllowCredentials: true}");

        Assert.Equal("origins=https://a.example,https://us-east-1.example methods=GET,put headers=content-type expose=etag,x-id maxAge=300 credentials=True", cors?.Describe());
    }

    /// <summary>cors-template.yaml's HTTP API, against x-amazon-apigateway-cors in SAM's own expansion of it.</summary>
    [Fact]
    public void The_test_templates_HTTP_API_reads_as_aws_sam_translator_expands_it()
    {
        var path = RepositoryFiles.PathOf("test/Backend.Local.Tests/cors-template.yaml");
        var expanded = SamExpansion.Expand(path)["Resources"]!["CorsHttpApi"]!["Properties"]!["Body"]!["x-amazon-apigateway-cors"]!;
        var cors = SamTemplate.Load(path).Apis.Single(a => a.LogicalId == "CorsHttpApi").HttpCors!;

        static string[] Strings(JsonNode? list) => list?.AsArray().Select(v => v!.GetValue<string>()).ToArray() ?? [];
        Assert.Equal(Strings(expanded["allowOrigins"]), cors.AllowOrigins);
        Assert.Equal(Strings(expanded["allowMethods"]), cors.AllowMethods);
        Assert.Equal(Strings(expanded["allowHeaders"]), cors.AllowHeaders);
        Assert.Equal(Strings(expanded["exposeHeaders"]), cors.ExposeHeaders);
        Assert.Equal(expanded["maxAge"]!.GetValue<int>(), cors.MaxAge);
        Assert.Equal(expanded["allowCredentials"]!.GetValue<bool>(), cors.AllowCredentials);
    }

    [Theory]
    [InlineData("{AllowOrigin: ['*']}", "Resources.Web.Properties.CorsConfiguration.AllowOrigin is not a property of CorsConfiguration (AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials are)")]
    [InlineData("{AllowOrigins: ['*'], AllowCredentials: true}", "Resources.Web.Properties.CorsConfiguration: AllowCredentials cannot be true when AllowOrigins is [\"*\"]")]
    [InlineData("{AllowCredentials: maybe}", "Resources.Web.Properties.CorsConfiguration.AllowCredentials: 'maybe' is not true or false")]
    [InlineData("{MaxAge: 86401}", "Resources.Web.Properties.CorsConfiguration.MaxAge: '86401' is not a number of seconds from -1 to 86400")]
    [InlineData("{MaxAge: ten}", "Resources.Web.Properties.CorsConfiguration.MaxAge: 'ten' is not a number of seconds from -1 to 86400")]
    [InlineData("yes-please", "Resources.Web.Properties.CorsConfiguration: 'yes-please' is not true, false or a mapping of AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials")]
    [InlineData("['*']", "Resources.Web.Properties.CorsConfiguration must be true, false or a mapping of AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials")]
    public void What_it_cannot_serve_is_named(string cors, string message)
    {
        Assert.Equal(message, Assert.Throws<TemplateException>(() => Read(cors)).Message);
    }

    [Fact]
    public void CorsConfiguration_in_Globals_merges_into_the_APIs_own_as_SAM_merges_it()
    {
        // SAM merges Globals.HttpApi: the maps key by key (the API's own MaxAge wins), the lists global items first.
        var cors = TemplateText.Load(HttpApi("{AllowOrigins: [https://own.example], MaxAge: 5}", """
            Globals:
              HttpApi:
                CorsConfiguration:
                  AllowOrigins: [https://global.example]
                  AllowMethods: [GET]
                  MaxAge: 60
            """)).Apis.Single().HttpCors!;

        Assert.Equal(["https://global.example", "https://own.example"], cors.AllowOrigins);
        Assert.Equal(["GET"], cors.AllowMethods);
        Assert.Equal(5, cors.MaxAge);
    }
}
