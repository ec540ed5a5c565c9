namespace Backend.Local.ControlPlane;

/// <summary>The request sizes the control plane takes (AWS's, where AWS has one).</summary>
public static class ControlPlaneLimits
{
    /// <summary>Every control-plane request but those carrying code (<see cref="Code.CodeLimits.RequestBytes"/>): ample for any configuration, far below what could hurt the server.</summary>
    public const int RequestBytes = 1024 * 1024;

    /// <summary>ListFunctions and the other lists: their default page, as on AWS.</summary>
    public const int DefaultPage = 50;
}
