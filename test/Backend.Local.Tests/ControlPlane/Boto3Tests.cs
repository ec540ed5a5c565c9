namespace Backend.Local.Tests.ControlPlane;

public class Boto3Tests
{
    [Fact]
    public async Task A_script_gets_a_lambda_client_for_the_endpoint_and_prints_json()
    {
        var boto3 = new Boto3(new Uri("http://127.0.0.1:9/"));

        var result = await boto3.RunAsync("""
            show({"service": client.meta.service_model.service_name, "endpoint": client.meta.endpoint_url, "region": client.meta.region_name})
            """);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("lambda", result.Json.GetProperty("service").GetString());
        Assert.Equal("http://127.0.0.1:9/", result.Json.GetProperty("endpoint").GetString());
        Assert.Equal("us-east-1", result.Json.GetProperty("region").GetString());
    }
}
