using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Backend.Lambda.TestUtilities;

namespace Backend.Template.Tests;

public sealed class TemplateTests
{
    private static readonly TemplateDocument Template = TemplateDocument.Load();

    /// <summary>(function, event type, method, path) of every route, as the code reads them (SamTemplate).</summary>
    private static readonly List<(string Function, string Type, string Method, string Path)> Routes =
        SamTemplate.Load(RepositoryFiles.PathOf("template.yaml")).Routes
            .Select(r => (r.FunctionLogicalId, r.Api.Kind == ApiKind.Rest ? "Api" : "HttpApi", r.Method, r.Path)).ToList();

    [Fact]
    public async Task Cfn_lint_reports_nothing()
    {
        var start = new ProcessStartInfo("cfn-lint") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        start.ArgumentList.Add("template.yaml");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public void Every_function_handler_is_the_assembly_of_an_executable_project_at_its_CodeUri()
    {
        var functions = Template.ResourcesOfType("AWS::Serverless::Function").ToList();
        Assert.NotEmpty(functions);
        foreach (var (logicalId, properties) in functions)
        {
            var codeUri = TemplateDocument.Scalar(properties, "CodeUri")!;
            var handler = TemplateDocument.Scalar(properties, "Handler")!;
            var project = Directory.GetFiles(RepositoryFiles.PathOf(codeUri), "*.csproj").Single();
            var xml = XDocument.Load(project);
            // The managed assembly name (the unconditional one); Packaging=native names the executable bootstrap.
            var names = xml.Descendants("AssemblyName").ToList();
            Assert.True(handler == (names.SingleOrDefault(n => n.Attribute("Condition") is null)?.Value ?? Path.GetFileNameWithoutExtension(project)), logicalId);
            Assert.Equal("bootstrap", names.Single(n => n.Attribute("Condition")?.Value == "'$(Packaging)' == 'native'").Value);
            Assert.Equal("Exe", xml.Descendants("OutputType").Single().Value);
        }
    }

    [Fact]
    public void The_routes_are_the_ones_README_documents()
    {
        var template = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"));
        var codeUris = template.Functions.ToDictionary(f => f.LogicalId, f => f.CodeUri.Trim('/'));
        var routes = template.Routes
            .Select(r => $"{codeUris[r.FunctionLogicalId]} {r.Api.Kind} {r.Api.StageName} {r.Method} {r.Path}").Order().ToList();

        Assert.Equal(DocumentedRoutes().Order().ToList(), routes);
    }

    /// <summary>
    /// README's first table (function | API | routes), the one place the routes are written down for people:
    /// each route as "CodeUri kind stage METHOD /path" (a query string in the table is an example, not the path).
    /// </summary>
    private static List<string> DocumentedRoutes()
    {
        var rows = File.ReadLines(RepositoryFiles.PathOf("README.md"))
            .SkipWhile(line => !line.StartsWith("| function | API | routes |", StringComparison.Ordinal))
            .Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .ToList();
        Assert.NotEmpty(rows);
        var routes = new List<string>();
        foreach (var row in rows)
        {
            var cells = row.Split('|');
            var codeUri = Regex.Match(cells[1], @"\(`([^`]+)`\)").Groups[1].Value;
            var kind = cells[2].Contains("REST API", StringComparison.Ordinal) ? ApiKind.Rest
                : cells[2].Contains("HTTP API", StringComparison.Ordinal) ? ApiKind.Http
                : throw new InvalidOperationException($"README names no API kind in: {row}");
            var stage = Regex.Match(cells[2], "stage `([^`]+)`").Groups[1].Value;
            var documented = Regex.Matches(cells[3], "`([A-Z]+) (/[^`?]*)[^`]*`");
            Assert.True(codeUri.Length > 0 && stage.Length > 0 && documented.Count > 0, $"README row not understood: {row}");
            routes.AddRange(documented.Select(m => $"{codeUri} {kind} {stage} {m.Groups[1].Value} {m.Groups[2].Value}"));
        }
        return routes;
    }

    /// <summary>
    /// Users do not know the documents this project was made from ("seed 002"): what they read (the template's
    /// descriptions and comments, README, SECURITY.md, events, the sources and the benchmarks) names things by what they are.
    /// </summary>
    [Fact]
    public void No_user_facing_text_names_the_projects_source_documents()
    {
        string[] skipped = ["/bin/", "/obj/", "/node_modules/", "/results/"];
        var files = new[] { "template.yaml", "samconfig.toml", "README.md", "SECURITY.md" }.Select(RepositoryFiles.PathOf)
            .Concat(new[] { "src", "bench", "events" }.SelectMany(folder =>
                Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*", SearchOption.AllDirectories)))
            .Where(file => !skipped.Any(part => file.Replace('\\', '/').Contains(part, StringComparison.Ordinal)))
            .ToList();
        Assert.Contains(files, file => file.EndsWith("CalcFunction.cs", StringComparison.Ordinal));

        var mentions = files
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (File: file, Number: index + 1, Line: line)))
            .Where(entry => Regex.IsMatch(entry.Line, @"\bseeds?\b", RegexOptions.IgnoreCase))
            .Select(entry => $"{Path.GetRelativePath(RepositoryFiles.Root, entry.File)}:{entry.Number}: {entry.Line.Trim()}")
            .ToList();
        Assert.Empty(mentions);
    }

    [Fact]
    public void Globals_set_the_runtime_tracing_and_json_logging()
    {
        var function = TemplateDocument.Map(TemplateDocument.Map(Template.Root, "Globals"), "Function");

        var native = SamTemplate.Load(RepositoryFiles.PathOf("template.yaml"), new Dictionary<string, string> { ["Packaging"] = "native" });
        Assert.All(SamTemplate.Load(RepositoryFiles.PathOf("template.yaml")).Functions, f => Assert.Equal("dotnet10", f.Runtime));
        Assert.All(native.Functions, f => Assert.Equal("provided.al2023", f.Runtime));
        Assert.Equal("Active", TemplateDocument.Scalar(function, "Tracing"));
        Assert.Equal("JSON", TemplateDocument.Scalar(TemplateDocument.Map(function, "LoggingConfig"), "LogFormat"));
        Assert.Equal("prod", TemplateDocument.Scalar(Template.ResourcesOfType("AWS::Serverless::Api").Single().Properties, "StageName"));
    }

    [Fact]
    public void Every_event_file_is_valid_for_the_route_or_function_it_names()
    {
        var routes = Routes;
        var files = Directory.GetFiles(RepositoryFiles.PathOf("events"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var name = Path.GetFileName(file);
            if (root.TryGetProperty("httpMethod", out var method))
            {
                // REST API, payload 1.0: the resource must be a template route on an Api event.
                var resource = root.GetProperty("resource").GetString();
                Assert.True(routes.Any(r => r.Type == "Api" && r.Method == method.GetString() && r.Path == resource), $"{name}: {method} {resource} is not a REST route");
                Assert.Equal("prod", root.GetProperty("requestContext").GetProperty("stage").GetString());
                Assert.True(root.TryGetProperty("multiValueHeaders", out _), name);
            }
            else if (root.TryGetProperty("version", out var version))
            {
                // HTTP API, payload 2.0: the routeKey must be a template route on an HttpApi event.
                Assert.Equal("2.0", version.GetString());
                var routeKey = root.GetProperty("routeKey").GetString();
                Assert.True(routes.Any(r => r.Type == "HttpApi" && $"{r.Method} {r.Path}" == routeKey), $"{name}: {routeKey} is not an HTTP API route");
                Assert.Equal(routeKey, root.GetProperty("requestContext").GetProperty("routeKey").GetString());
                Assert.All(root.GetProperty("headers").EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
            }
            else
            {
                // A direct invocation, or a TOKEN authorizer's event (API Gateway calls AuthorizerFunction with it).
                Assert.Matches(new Regex("^(calc|dynamodb)-direct|^authorizer-token"), name);
            }
        }
    }

    [Fact]
    public void Samconfig_overrides_only_parameters_the_template_declares()
    {
        var samconfig = File.ReadAllText(RepositoryFiles.PathOf("samconfig.toml"));
        var overrides = Regex.Match(samconfig, "parameter_overrides = \"(.*)\"").Groups[1].Value;
        var names = Regex.Matches(overrides, @"(\w+)=").Select(m => m.Groups[1].Value).ToList();
        var parameters = TemplateDocument.Map(Template.Root, "Parameters").Children.Keys.Select(k => k.ToString()).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains(n, parameters));
        Assert.Contains("stack_name = \"backend\"", samconfig);
        Assert.Contains("capabilities = \"CAPABILITY_IAM\"", samconfig);
    }
}
