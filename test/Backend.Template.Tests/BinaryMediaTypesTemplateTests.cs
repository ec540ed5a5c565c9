namespace Backend.Template.Tests;

/// <summary>A REST API's BinaryMediaTypes as the emulator reads them: SAM's "~1" for "/" written back, intrinsics resolved.</summary>
public sealed class BinaryMediaTypesTemplateTests
{
    private static SamTemplate FromText(string yaml) => TemplateText.Load(yaml);

    [Fact]
    public void Binary_media_types_are_read_with_sams_tilde_one_as_a_slash()
    {
        var template = FromText("""
            Parameters:
              Upload:
                Type: String
                Default: application~1octet-stream
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  BinaryMediaTypes: [image~1png, "*~1*", image/jpeg, !Ref Upload]
            """);

        Assert.Equal(["image/png", "*/*", "image/jpeg", "application/octet-stream"], template.Apis.Single().BinaryMediaTypes);
    }

    [Fact]
    public void Without_binary_media_types_an_api_has_none_explicit_or_implicit()
    {
        var template = FromText("""
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: H
                  Runtime: dotnet10
                  CodeUri: src/
                  Events:
                    Implicit: {Type: Api, Properties: {Path: /x, Method: get}}
            """);

        Assert.All(template.Apis, a => Assert.Empty(a.BinaryMediaTypes));
        Assert.Equal(2, template.Apis.Count);
    }
}
