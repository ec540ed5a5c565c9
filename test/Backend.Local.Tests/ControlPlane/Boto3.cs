using System.Diagnostics;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// Runs a short Python script with boto3 against one endpoint. The script starts with a ready
/// <c>client</c> (boto3's Lambda client), <c>json</c> imported and <c>show(value)</c>, which prints a
/// response as JSON without its ResponseMetadata.
/// </summary>
public sealed class Boto3(Uri endpoint)
{
    // The endpoint comes through the environment, so no value has to be quoted into Python source.
    private const string Preamble = """
        import json, os, boto3
        client = boto3.client("lambda", endpoint_url=os.environ["BACKEND_TESTS_ENDPOINT"], region_name="us-east-1",
                              aws_access_key_id="x", aws_secret_access_key="x")

        def show(value):
            if isinstance(value, dict):
                value = {k: v for k, v in value.items() if k != "ResponseMetadata"}
            print(json.dumps(value, default=str))

        """;

    public Uri Endpoint { get; } = endpoint;

    /// <param name="pythonBody">top-level Python statements, e.g. <c>show(client.list_functions())</c>.</param>
    public Task<AwsResult> RunAsync(string pythonBody)
    {
        var start = new ProcessStartInfo("python3");
        start.ArgumentList.Add("-");
        AwsClientEnvironment.Apply(start);
        start.Environment["BACKEND_TESTS_ENDPOINT"] = Endpoint.ToString();
        start.Environment["PYTHONUNBUFFERED"] = "1";
        return ToolProcess.RunAsync(start, standardInput: Preamble + pythonBody + "\n");
    }
}
