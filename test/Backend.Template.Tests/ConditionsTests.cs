using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

/// <summary>Fn::If and the template's Conditions, resolved as CloudFormation resolves them for the parameters given.</summary>
public sealed class ConditionsTests
{
    private static SamTemplate FromText(string yaml, Dictionary<string, string>? overrides = null) => TemplateText.Load(yaml, overrides);

    private const string Functions = """
        Parameters:
          Stage: {Type: String, Default: dev}
          Packaging: {Type: String, Default: managed}
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          IsNative: {"Fn::Equals": [{Ref: Packaging}, native]}
          NotNative: !Not [!Condition IsNative]
          ProdAndNative: !And [!Condition IsProd, {Condition: IsNative}]
          ProdOrNative: {"Fn::Or": [{Condition: IsProd}, !Condition IsNative]}
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/F/
              Handler: F
              Runtime: !If [IsNative, provided.al2023, dotnet10]
              Description: {"Fn::If": [NotNative, managed, native]}
              Environment:
                Variables:
                  BOTH: !If [ProdAndNative, yes, no]
                  EITHER: !If [ProdOrNative, yes, no]
        """;

    [Fact]
    public void The_defaults_choose_the_false_branches()
    {
        var function = FromText(Functions).Functions.Single();

        Assert.Equal("dotnet10", function.Runtime);
        Assert.Equal("managed", function.Description);
        Assert.Equal("no", function.Environment["BOTH"]);
        Assert.Equal("no", function.Environment["EITHER"]);
    }

    [Fact]
    public void Overrides_turn_the_conditions_and_every_operator_evaluates()
    {
        var native = FromText(Functions, new() { ["Packaging"] = "native" }).Functions.Single();
        Assert.Equal("provided.al2023", native.Runtime);
        Assert.Equal("native", native.Description);
        Assert.Equal("no", native.Environment["BOTH"]);
        Assert.Equal("yes", native.Environment["EITHER"]);

        var both = FromText(Functions, new() { ["Packaging"] = "native", ["Stage"] = "prod" }).Functions.Single();
        Assert.Equal("yes", both.Environment["BOTH"]);
    }

    [Fact]
    public void The_repository_template_switches_every_function_with_Packaging()
    {
        var path = RepositoryFiles.PathOf("template.yaml");

        Assert.All(SamTemplate.Load(path).Functions, f => Assert.Equal("dotnet10", f.Runtime));
        Assert.All(SamTemplate.Load(path, new Dictionary<string, string> { ["Packaging"] = "native" }).Functions, f => Assert.Equal("provided.al2023", f.Runtime));
    }

    [Theory]
    [InlineData("!If [Missing, a, b]", "Resources.F.Properties.Description: Fn::If names Missing, which is not in the template's Conditions")]
    [InlineData("!If [IsProd, a]", "Resources.F.Properties.Description: Fn::If takes [ConditionName, value if true, value if false]")]
    [InlineData("!If [Loop, a, b]", "Conditions.Loop: condition Loop refers to itself")]
    [InlineData("!If [Odd, a, b]", "Conditions.Odd: Fn::Contains with 2 argument(s) is not a condition the local emulator evaluates (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition)")]
    public void A_condition_it_cannot_evaluate_is_named(string value, string message)
    {
        var error = Assert.Throws<TemplateException>(() => FromText($$"""
            Parameters:
              Stage: {Type: String, Default: dev}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              Loop: !Not [!Condition Loop]
              Odd: {"Fn::Contains": [[a], a]}
            Resources:
              F:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/F/
                  Handler: F
                  Runtime: dotnet10
                  Description: {{value}}
            """));

        Assert.Equal(message, error.Message);
    }
}
