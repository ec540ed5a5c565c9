using Backend.Local.Building;

namespace Backend.Local.Tests.Reload;

public sealed class BuildErrorsTests
{
    [Fact]
    public void Compiler_errors_are_file_line_column_relative_to_the_template_each_once()
    {
        const string output = """
              Determining projects to restore...
            /repo/src/Backend.Calc/Calculator.cs(11,40): error CS1525: Invalid expression term ',' [/repo/src/Backend.Calc/Backend.Calc.csproj]
            /repo/src/Backend.Calc/Calculator.cs(12,1): warning CS0168: The variable 'x' is declared but never used [/repo/src/Backend.Calc/Backend.Calc.csproj]

            Build FAILED.

            /repo/src/Backend.Calc/Calculator.cs(11,40): error CS1525: Invalid expression term ',' [/repo/src/Backend.Calc/Backend.Calc.csproj]
                0 Warning(s)
                1 Error(s)
            """;

        Assert.Equal(["src/Backend.Calc/Calculator.cs:11:40: error CS1525: Invalid expression term ','"], BuildErrors.Parse(output, "/repo"));
    }

    [Fact]
    public void Restore_and_project_errors_are_kept_with_their_code()
    {
        const string output = """
            /repo/src/Backend.Calc/Backend.Calc.csproj : error NU1101: Unable to find package Nope. No packages exist with this id in source(s): mirror [/repo/src/Backend.Calc/Backend.Calc.csproj]
            /repo/src/Backend.Calc/Backend.Calc.csproj(3,5): error MSB4025: The project file could not be loaded.
            """;

        Assert.Equal(
            [
                "src/Backend.Calc/Backend.Calc.csproj: error NU1101: Unable to find package Nope. No packages exist with this id in source(s): mirror",
                "src/Backend.Calc/Backend.Calc.csproj:3:5: error MSB4025: The project file could not be loaded.",
            ],
            BuildErrors.Parse(output, "/repo"));
    }

    [Fact]
    public void Output_without_errors_has_none()
    {
        Assert.Empty(BuildErrors.Parse("  Backend.Calc -> /repo/out/\nwarning CS0168: x [p]\n", "/repo"));
    }
}
