namespace Backend.Template.Tests;

/// <summary>
/// Stage variables as the emulator reads them: SAM's Variables (Api) and StageVariables (HttpApi), intrinsics resolved,
/// names and values held to what API Gateway accepts.
/// </summary>
public sealed class StageVariablesTemplateTests
{
    private static SamTemplate FromText(string yaml) => TemplateText.Load(yaml);

    private static string Rest(string variables) => $$"""
        Parameters:
          Backend:
            Type: String
            Default: https://books.example.com/v1
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Variables: {{variables}}
        """;

    [Fact]
    public void A_REST_APIs_Variables_are_read_with_their_intrinsics_resolved()
    {
        var api = FromText(Rest("{alias: live, backend_url: !Ref Backend, table: !Sub 'books-${AWS::Region}'}")).Apis.Single();

        Assert.Equal(new Dictionary<string, string>
        {
            ["alias"] = "live",
            ["backend_url"] = "https://books.example.com/v1",
            ["table"] = "books-us-east-1",
        }, api.StageVariables);
    }

    [Fact]
    public void An_HTTP_APIs_StageVariables_are_read()
    {
        var api = FromText("""
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  StageVariables:
                    Mode: fast
            """).Apis.Single();

        Assert.Equal(ApiKind.Http, api.Kind);
        Assert.Equal(new Dictionary<string, string> { ["Mode"] = "fast" }, api.StageVariables);
    }

    [Fact]
    public void An_API_without_variables_has_none()
    {
        var template = FromText("""
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
              F:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/
                  Handler: h
                  Runtime: dotnet10
                  Events:
                    Implicit: {Type: HttpApi, Properties: {Path: /x, Method: get}}
            """);

        Assert.All(template.Apis, a => Assert.Empty(a.StageVariables));
    }

    [Theory]
    [InlineData("{bad-name: x}", "Resources.Api.Properties.Variables.bad-name: a stage variable name may have only alphanumeric and underscore characters")]
    [InlineData("{ok: 'has space'}", "Resources.Api.Properties.Variables.ok: the value 'has space' does not match [A-Za-z0-9-._~:/?#&=,]+, which API Gateway requires of stage variable values")]
    [InlineData("{ok: ''}", "Resources.Api.Properties.Variables.ok: the value '' does not match [A-Za-z0-9-._~:/?#&=,]+, which API Gateway requires of stage variable values")]
    [InlineData("{ok: \"x\\n\"}", "Resources.Api.Properties.Variables.ok: the value 'x\n' does not match [A-Za-z0-9-._~:/?#&=,]+, which API Gateway requires of stage variable values")]
    [InlineData("[a, b]", "Resources.Api.Properties.Variables must be a map of stage variable name to value")]
    public void What_API_Gateway_would_refuse_is_refused_naming_it(string variables, string message)
    {
        Assert.Equal(message, Assert.Throws<TemplateException>(() => FromText(Rest(variables))).Message);
    }

    [Fact]
    public void Every_character_API_Gateway_allows_in_a_value_is_accepted()
    {
        var api = FromText(Rest("{url: 'https://h.example:8080/p_a-t.h~?q=1&r=2,3#frag'}")).Apis.Single();

        Assert.Equal("https://h.example:8080/p_a-t.h~?q=1&r=2,3#frag", api.StageVariables["url"]);
    }
}
