using System.Diagnostics;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// The environment both AWS clients (CLI and boto3) run in: nothing from the user's own AWS setup
/// (profiles, keys, region, pager) may change what a test sees.
/// </summary>
internal static class AwsClientEnvironment
{
    // A file that does not exist reads as an empty config: no profile, no credentials.
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), "backend-tests-no-aws-config-" + Guid.NewGuid().ToString("N"));

    public static void Apply(ProcessStartInfo start)
    {
        foreach (var name in new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA", "AWS_CA_BUNDLE" })
            start.Environment.Remove(name);
        start.Environment["AWS_CONFIG_FILE"] = Missing;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Missing;
        start.Environment["AWS_PAGER"] = "";
        // One attempt per call: retries would hide throttling (TooManyRequestsException) and 5xx
        // answers the control plane is meant to give, and make a failing test slow.
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_RETRY_MODE"] = "standard";
        // No instance-metadata probe when a client looks for credentials it will never find.
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
    }
}
