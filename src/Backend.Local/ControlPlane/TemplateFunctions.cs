using Backend.Local.Hosting;
using Backend.Template;

namespace Backend.Local.ControlPlane;

/// <summary>
/// The template's functions as the control plane holds them: rebuilt from template.yaml and their build at every
/// start, never stored. Changes made to them through the API last until the emulator stops.
/// </summary>
public static class TemplateFunctions
{
    /// <param name="assembly">The built entry assembly (its folder is the code the instances run).</param>
    /// <param name="overrides">
    /// --env-vars: applied here, where every template function (at start and at each reload) becomes what is served,
    /// so API Gateway, the Lambda API and invoke all run the overridden values; null when none were given.
    /// </param>
    public static FunctionState From(FunctionDefinition f, string assembly, SamTemplate template, EnvironmentOverrides? overrides)
    {
        if (overrides is not null) f = overrides.Apply(f);
        var statements = TemplatePolicies.For(f, template).Select(s => s.ToJson()).ToList();
        return new FunctionState
        {
            Name = f.FunctionName,
            LogicalId = f.LogicalId,
            Latest = new VersionState
            {
                Version = "$LATEST",
                Runtime = f.Runtime,
                Handler = f.Handler,
                Role = $"arn:aws:iam::{template.Local.AccountId}:role/{f.LogicalId}Role",
                Description = f.Description,
                MemorySize = f.MemorySize,
                Timeout = f.Timeout,
                Environment = new Dictionary<string, string>(f.Environment),
                Architecture = f.Architecture,
                TracingActive = f.TracingActive,
                LogFormat = f.LogFormat,
                ApplicationLogLevel = f.ApplicationLogLevel,
                // No zip was uploaded: GetFunction's Code.Location zips the build folder when asked.
                CodeSha256 = "",
                CodeDirectory = Path.GetDirectoryName(Path.GetFullPath(assembly))!,
                LastModified = Revisions.Now(),
                RevisionId = Revisions.New(),
            },
            Policies = statements.Count > 0 ? new() { [""] = new PolicyState { Statements = statements, RevisionId = Revisions.New() } } : [],
            ReservedConcurrency = f.ReservedConcurrentExecutions,
            TableReferences = f.TableReferences,
        };
    }
}
