namespace Backend.Local.ControlPlane.Code;

/// <summary>Lambda's quotas on a deployment package uploaded directly (not through S3).</summary>
public static class CodeLimits
{
    /// <summary>The zip itself: 50 MB.</summary>
    public const int ZippedBytes = 52_428_800;

    /// <summary>Everything the zip inflates to: 250 MB.</summary>
    public const long UnzippedBytes = 262_144_000;

    /// <summary>
    /// The request size Lambda names when the zip is too large: the 50 MB zip travels base64-encoded
    /// in a JSON body, so the service reports the encoded size: 4/3 of 50 MB, rounded up.
    /// </summary>
    public const int RequestBytes = 69_905_067;
}
