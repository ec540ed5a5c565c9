using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.Building;

/// <summary>
/// How a function is published, from its Runtime (the template's Packaging parameter chooses it): managed, where the
/// dotnet runtimes run Handler.dll (framework-dependent, ReadyToRun), or Native AOT, where provided.al2023 runs the
/// executable <c>bootstrap</c> (-p:Packaging=native; what that means to MSBuild is in src/Directory.Build.props).
/// </summary>
public static class Packaging
{
    /// <summary>The executable a custom runtime starts, at the root of the function's code.</summary>
    public const string Bootstrap = "bootstrap";

    public static bool IsNative(FunctionDefinition function) => InstanceCommand.IsProvided(function.Runtime);

    /// <summary>What `dotnet publish -c Release -r linux-x64` is given on top for the packaging.</summary>
    public static IReadOnlyList<string> PublishArguments(bool native) =>
        native ? ["-p:Packaging=native"] : ["--self-contained", "false"];

    /// <summary>Where the start's build of a project goes: .local/functions/&lt;Project&gt;, or …/native/&lt;Project&gt;.</summary>
    public static string OutputOf(string functionsDirectory, string project, bool native) =>
        native
            ? Path.Combine(functionsDirectory, "native", Path.GetFileNameWithoutExtension(project))
            : Path.Combine(functionsDirectory, Path.GetFileNameWithoutExtension(project));

    /// <summary>
    /// Whether a published file goes into the function's code folder: a native build ships its executable alone, as
    /// its Lambda package holds it (not the .dbg symbols or the .pdb of the libraries it was compiled from).
    /// </summary>
    public static bool Ships(string file, bool native) => !native || Path.GetFileName(file) == Bootstrap;
}
