namespace Backend.Local.ControlPlane.Code;

/// <summary>Lambda's quotas on a deployment package uploaded directly (not through S3).</summary>
public static class CodeLimits
{
    /// <summary>The zip itself: 50 MB.</summary>
    public const int ZippedBytes = 52_428_800;

    /// <summary>Everything the zip inflates to: 250 MB.</summary>
    public const long UnzippedBytes = 262_144_000;

    /// <summary>
    /// The largest CreateFunction / UpdateFunctionCode request, the zip inline (base64 in JSON): the size real
    /// Lambda names in its 413 (recorded in LocalStack's snapshots of AWS, 2023).
    /// </summary>
    public const int RequestBytes = 70_167_211;
}
