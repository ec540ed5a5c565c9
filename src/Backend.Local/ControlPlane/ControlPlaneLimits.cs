namespace Backend.Local.ControlPlane;

/// <summary>The request sizes the control plane takes (AWS's, where AWS has one).</summary>
public static class ControlPlaneLimits
{
    /// <summary>CreateFunction / UpdateFunctionCode with the zip inline (base64 in JSON), as real AWS reports it.</summary>
    public const int CodeRequestBytes = 70_167_211;

    /// <summary>Every other control-plane request: ample for any configuration, far below what could hurt the server.</summary>
    public const int RequestBytes = 1024 * 1024;

    /// <summary>ListFunctions and the other lists: their default page, as on AWS.</summary>
    public const int DefaultPage = 50;
}
