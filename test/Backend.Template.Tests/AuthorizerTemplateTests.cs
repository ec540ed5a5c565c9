using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>Auth.Authorizers, DefaultAuthorizer and an event's Auth.Authorizer, read and refused as SAM reads and refuses them.</summary>
public sealed class AuthorizerTemplateTests
{
    private const string Function = """
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/
              Handler: Fn
              Runtime: dotnet10
              Events:
                Get:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Api
                    Path: /items
                    Method: get
        """;

    private static SamTemplate Rest(string auth, string events = "") => TemplateText.Load($"""
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Auth:
        {auth}
        {Function}
        {events}
        """);

    private static TemplateException Refused(string auth, string events = "") => Assert.Throws<TemplateException>(() => Rest(auth, events));

    [Fact]
    public void Template_yaml_has_a_token_authorizer_that_ApiAuth_switches_on()
    {
        var open = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"));
        var guarded = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"), new Dictionary<string, string> { ["ApiAuth"] = "TokenAuthorizer" });

        var api = open.Apis.Single(a => a.LogicalId == "RestApi");
        Assert.Equal(ApiDefinition.NoAuthorization, api.Authorization);
        var token = api.Authorizers["TokenAuthorizer"];
        Assert.Equal(("AuthorizerFunction", AuthorizerPayload.Token, null, 300), (token.FunctionLogicalId, token.Payload, token.ValidationExpression, token.TtlSeconds));
        Assert.Equal(["method.request.header.Authorization"], token.IdentitySources);
        Assert.All(guarded.Routes.Where(r => r.Api.Kind == ApiKind.Rest), r => Assert.Equal("TokenAuthorizer", r.EffectiveAuthorization));
        Assert.All(guarded.Routes.Where(r => r.Api.Kind == ApiKind.Http), r => Assert.Equal(ApiDefinition.NoAuthorization, r.EffectiveAuthorization));
    }

    [Fact]
    public void NONE_is_refused_as_the_default_of_an_API_with_authorizers_with_SAMs_message()
    {
        var error = Assert.Throws<TemplateException>(() => SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"), new Dictionary<string, string> { ["ApiAuth"] = "NONE" }));

        Assert.Equal("Resources.RestApi.Properties.Auth.DefaultAuthorizer: Unable to set DefaultAuthorizer because 'NONE' was not defined in 'Authorizers'.", error.Message);
    }

    [Fact]
    public void TOKEN_and_REQUEST_authorizers_are_read_with_SAMs_defaults()
    {
        var api = Rest("""
                    DefaultAuthorizer: Req
                    Authorizers:
                      Tok:
                        FunctionArn: !GetAtt Fn.Arn
                        Identity:
                          Header: X-Token
                          ValidationExpression: 'Bearer .+'
                          ReauthorizeEvery: 0
                      Req:
                        FunctionArn: { "Fn::GetAtt": [Fn, Arn] }
                        FunctionPayloadType: REQUEST
                        Identity:
                          Headers: [X-A]
                          QueryStrings: [q]
                          StageVariables: [s]
                          Context: [identity.sourceIp]
            """).Apis.Single();

        Assert.Equal("Req", api.Authorization);
        var token = api.Authorizers["Tok"];
        Assert.Equal((AuthorizerPayload.Token, "Fn", "Bearer .+", 0), (token.Payload, token.FunctionLogicalId, token.ValidationExpression, token.TtlSeconds));
        Assert.Equal(["method.request.header.X-Token"], token.IdentitySources);
        var request = api.Authorizers["Req"];
        Assert.Equal((AuthorizerPayload.Request, 300, "1.0"), (request.Payload, request.TtlSeconds, request.PayloadFormatVersion));
        Assert.Equal(["method.request.header.X-A", "method.request.querystring.q", "stageVariables.s", "context.identity.sourceIp"], request.IdentitySources);
    }

    [Theory]
    [InlineData("""
                    Authorizers:
                      Req:
                        FunctionArn: !GetAtt Fn.Arn
                        FunctionPayloadType: REQUEST
        """, "Resources.Api.Properties.Auth.Authorizers.Req: Req Authorizer must specify Identity with at least one of Headers, QueryStrings, StageVariables, or Context.")]
    [InlineData("""
                    Authorizers:
                      Tok:
                        FunctionArn: !GetAtt Fn.Arn
                        FunctionPayloadType: JWT
        """, "Resources.Api.Properties.Auth.Authorizers.Tok: Tok Authorizer has invalid 'FunctionPayloadType': JWT.")]
    [InlineData("""
                    Authorizers:
                      Pool:
                        UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x
        """, "Resources.Api.Properties.Auth.Authorizers.Pool: Cognito user pool authorizers (UserPoolArn) are not supported by the local emulator (Lambda authorizers are)")]
    [InlineData("""
                    Authorizers:
                      Tok:
                        FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:elsewhere
        """, "Resources.Api.Properties.Auth.Authorizers.Tok.FunctionArn must name a function of the template (!GetAtt Function.Arn)")]
    [InlineData("""
                    DefaultAuthorizer: Missing
                    Authorizers:
                      Tok:
                        FunctionArn: !GetAtt Fn.Arn
        """, "Resources.Api.Properties.Auth.DefaultAuthorizer: Unable to set DefaultAuthorizer because 'Missing' was not defined in 'Authorizers'.")]
    [InlineData("""
                    DefaultAuthorizer: Tok
                    Authorizers:
                      Tok:
                        FunctionArn: !GetAtt Fn.Arn
                        Identity:
                          ReauthorizeEvery: 3601
        """, "Resources.Api.Properties.Auth.Authorizers.Tok.Identity.ReauthorizeEvery: 3601 is not a number of seconds from 0 to 3600")]
    [InlineData("""
                    Authorizers:
                      Tok:
                        FunctionArn: !GetAtt Fn.Arn
                        Identity:
                          ValidationExpression: 'Bearer (.+'
        """, "Resources.Api.Properties.Auth.Authorizers.Tok.Identity.ValidationExpression: 'Bearer (.+' is not a regular expression")]
    public void Authorizers_SAM_or_the_emulator_cannot_serve_are_refused_by_name(string auth, string message) =>
        Assert.Equal(message, Refused(auth).Message);

    [Fact]
    public void A_REQUEST_authorizer_without_identity_is_allowed_when_never_cached()
    {
        var api = Rest("""
                    Authorizers:
                      Req:
                        FunctionArn: !GetAtt Fn.Arn
                        FunctionPayloadType: REQUEST
                        Identity:
                          ReauthorizeEvery: 0
            """).Apis.Single();

        Assert.Empty(api.Authorizers["Req"].IdentitySources);
    }

    [Theory]
    [InlineData("Tok", "Tok")]
    [InlineData("AWS_IAM", "AWS_IAM")]
    [InlineData("NONE", "NONE")]
    public void An_events_Auth_Authorizer_overrides_the_default(string value, string effective)
    {
        var template = Rest("""
                    DefaultAuthorizer: AWS_IAM
                    Authorizers:
                      Tok:
                        FunctionArn: !GetAtt Fn.Arn
            """, "").Routes.Single();
        Assert.Equal("AWS_IAM", template.EffectiveAuthorization);

        var route = TemplateText.Load($"""
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  Auth:
                    DefaultAuthorizer: AWS_IAM
                    Authorizers:
                      Tok:
                        FunctionArn: !GetAtt Fn.Arn
            {Function}
                        Auth:
                          Authorizer: {value}
            """).Routes.Single();

        Assert.Equal(effective, route.EffectiveAuthorization);
    }

    [Theory]
    [InlineData("", "NONE", "Resources.Fn.Properties.Events.Get: Unable to set Authorizer on API method [get] for path [/items] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.")]
    [InlineData("", "Tok", "Resources.Fn.Properties.Events.Get: Unable to set Authorizer [Tok] on API method [get] for path [/items] because the related API does not define any Authorizers.")]
    [InlineData("Authorizers: { Tok: { FunctionArn: !GetAtt Fn.Arn } }", "Other", "Resources.Fn.Properties.Events.Get: Unable to set Authorizer [Other] on API method [get] for path [/items] because it wasn't defined in the API's Authorizers.")]
    public void An_events_Auth_Authorizer_SAM_refuses_is_refused_with_its_message(string apiAuth, string value, string message)
    {
        var error = Assert.Throws<TemplateException>(() => TemplateText.Load($"""
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  Auth:
                    {(apiAuth == "" ? "AddDefaultAuthorizerToCorsPreflight: false" : apiAuth)}
            {Function}
                        Auth:
                          Authorizer: {value}
            """));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void HTTP_API_Lambda_authorizers_are_read_and_JWT_ones_refused()
    {
        var api = TemplateText.Load("""
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  Auth:
                    DefaultAuthorizer: Lam
                    Authorizers:
                      Lam:
                        FunctionArn: !GetAtt Fn.Arn
                        AuthorizerPayloadFormatVersion: '2.0'
                        EnableSimpleResponses: true
                        Identity:
                          Headers: [Authorization]
                          QueryStrings: [q]
                          ReauthorizeEvery: 60
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/
                  Handler: Fn
                  Runtime: dotnet10
            """).Apis.Single();

        var lambda = api.Authorizers["Lam"];
        Assert.Equal(("Lam", "2.0", true, 60), (api.Authorization, lambda.PayloadFormatVersion, lambda.SimpleResponses, lambda.TtlSeconds));
        Assert.Equal(["$request.header.Authorization", "$request.querystring.q"], lambda.IdentitySources);
    }

    [Theory]
    [InlineData("JwtConfiguration: { issuer: x }\n            IdentitySource: $request.header.Authorization", "Resources.Api.Properties.Auth.Authorizers.A: JWT (OAuth2) authorizers are not supported by the local emulator (Lambda authorizers are)")]
    [InlineData("FunctionArn: !GetAtt Fn.Arn", "Resources.Api.Properties.Auth.Authorizers.A: A Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'.")]
    [InlineData("FunctionArn: !GetAtt Fn.Arn\n            AuthorizerPayloadFormatVersion: '1.0'\n            EnableSimpleResponses: true", "Resources.Api.Properties.Auth.Authorizers.A.EnableSimpleResponses: simple responses need AuthorizerPayloadFormatVersion 2.0")]
    public void HTTP_API_authorizers_the_emulator_or_SAM_refuse_are_named(string properties, string message)
    {
        var error = Assert.Throws<TemplateException>(() => TemplateText.Load($"""
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  Auth:
                    Authorizers:
                      A:
                        {properties}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/
                  Handler: Fn
                  Runtime: dotnet10
            """));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_Lambda_default_authorizer_on_the_CORS_preflight_is_refused()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateText.Load($"""
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  Cors: "'*'"
                  Auth:
                    DefaultAuthorizer: Tok
                    Authorizers:
                      Tok:
                        FunctionArn: !GetAtt Fn.Arn
            {Function}
            """));

        Assert.StartsWith("Resources.Api.Properties.Auth: a Lambda DefaultAuthorizer on the CORS preflight is not supported", error.Message);
    }
}
