using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>SAM's Cors of a REST API, as the emulator reads it (values unquoted) and refuses what it cannot serve.</summary>
public sealed class CorsTemplateTests
{
    private static SamTemplate FromText(string yaml) => TemplateText.Load(yaml);

    private static string Api(string cors, string auth = "") => $"""
        Parameters:
          Origin:
            Type: String
            Default: https://books.example.com
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
        {auth}
              Cors: {cors}
        """;

    [Fact]
    public void The_repository_REST_API_answers_preflights_with_the_bookstores_origin_methods_and_headers()
    {
        var template = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"));
        var rest = template.Apis.Single(a => a.LogicalId == "RestApi");

        Assert.Equal(new CorsDefinition("*", "GET,POST,PUT,DELETE,OPTIONS", "Content-Type,If-Match,If-None-Match,Authorization,X-Amz-Date,X-Api-Key", "600", false), rest.Cors);
        Assert.False(rest.AuthorizeCorsPreflight);
        Assert.Null(template.Apis.Single(a => a.LogicalId == "RandomApi").Cors);
        Assert.Equal("*", template.Function("BooksFunction").Environment["ALLOWED_ORIGIN"]);
    }

    [Fact]
    public void The_origin_parameter_reaches_the_preflight_and_the_function_alike()
    {
        var template = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"), new Dictionary<string, string> { ["BooksAllowedOrigin"] = "https://books.example.com" });

        Assert.Equal("https://books.example.com", template.Apis.Single(a => a.LogicalId == "RestApi").Cors!.AllowOrigin);
        Assert.Equal("https://books.example.com", template.Function("BooksFunction").Environment["ALLOWED_ORIGIN"]);
    }

    [Fact]
    public void The_string_form_is_the_origin_only()
    {
        var api = FromText(Api("\"'*'\"")).Apis.Single();

        Assert.Equal(new CorsDefinition("*", null, null, null, false), api.Cors);
        Assert.True(api.AuthorizeCorsPreflight);
    }

    [Fact]
    public void The_string_form_may_be_an_intrinsic()
    {
        Assert.Equal("https://books.example.com", FromText(Api("!Sub \"'${Origin}'\"")).Apis.Single().Cors!.AllowOrigin);
    }

    [Fact]
    public void A_mapping_without_AllowOrigin_allows_any_origin_as_SAM_defaults_it()
    {
        var cors = FromText(Api("{AllowHeaders: \"'Content-Type'\", MaxAge: \"'0'\", AllowCredentials: false}")).Apis.Single().Cors;

        Assert.Equal(new CorsDefinition("*", null, "Content-Type", "0", false), cors);
    }

    [Fact]
    public void Credentials_are_allowed_for_a_named_origin()
    {
        var cors = FromText(Api("{AllowOrigin: \"'https://a.example'\", AllowCredentials: true}")).Apis.Single().Cors;

        Assert.Equal(new CorsDefinition("https://a.example", null, null, null, true), cors);
    }

    [Fact]
    public void No_Cors_is_no_preflight()
    {
        Assert.Null(FromText("""
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
            """).Apis.Single().Cors);
    }

    [Theory]
    [InlineData("{ExposeHeaders: \"'ETag'\"}", "Resources.Api.Properties.Cors.ExposeHeaders is not supported by the local emulator (AllowOrigin, AllowMethods, AllowHeaders, MaxAge, AllowCredentials are)")]
    [InlineData("\"*\"", "Resources.Api.Properties.Cors: * is not a quoted string (SAM takes API Gateway string expressions, e.g. \"'*'\"); mapping expressions are not supported by the local emulator")]
    [InlineData("{AllowOrigin: method.request.header.Origin}", "Resources.Api.Properties.Cors.AllowOrigin: method.request.header.Origin is not a quoted string (SAM takes API Gateway string expressions, e.g. \"'*'\"); mapping expressions are not supported by the local emulator")]
    [InlineData("{MaxAge: \"'ten'\"}", "Resources.Api.Properties.Cors.MaxAge: 'ten' is not a number of seconds")]
    [InlineData("{AllowCredentials: maybe}", "Resources.Api.Properties.Cors.AllowCredentials: 'maybe' is not true or false")]
    [InlineData("{AllowCredentials: true}", "Resources.Api.Properties.Cors: AllowCredentials cannot be true when AllowOrigin is '*' or not set")]
    [InlineData("[\"'*'\"]", "Resources.Api.Properties.Cors must be an origin (\"'*'\") or a mapping of AllowOrigin, AllowMethods, AllowHeaders, MaxAge, AllowCredentials")]
    [InlineData("!Select [0, [\"'*'\"]]", "Resources.Api.Properties.Cors: !Select is not supported by the local emulator (it resolves Ref, Fn::Sub, Fn::GetAtt, Fn::Join and Fn::If)")]
    public void What_it_cannot_serve_is_named(string cors, string message)
    {
        Assert.Equal(message, Assert.Throws<TemplateException>(() => FromText(Api(cors))).Message);
    }

    [Fact]
    public void Each_API_type_names_the_other_types_CORS_property()
    {
        var onHttp = Assert.Throws<TemplateException>(() => FromText("""
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  Cors: "'*'"
            """));
        var onRest = Assert.Throws<TemplateException>(() => FromText(Api("\"'*'\"").Replace("      Cors:", "      CorsConfiguration:")));

        Assert.Equal("Resources.Api.Properties.Cors is not a property of AWS::Serverless::HttpApi (CorsConfiguration is)", onHttp.Message);
        Assert.Equal("Resources.Api.Properties.CorsConfiguration is not a property of AWS::Serverless::Api (Cors is)", onRest.Message);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void AddDefaultAuthorizerToCorsPreflight_is_read(string value, bool authorized)
    {
        var api = FromText(Api("\"'*'\"", $"""
                  Auth:
                    DefaultAuthorizer: AWS_IAM
                    AddDefaultAuthorizerToCorsPreflight: {value}
            """)).Apis.Single();

        Assert.Equal(ApiDefinition.IamAuthorization, api.Authorization);
        Assert.Equal(authorized, api.AuthorizeCorsPreflight);
    }
}
