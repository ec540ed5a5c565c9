namespace Backend.Local.Building;

/// <summary>
/// Progress that can keep a block of lines live at the bottom of a terminal, redrawn as it changes (a build's line
/// per function with its elapsed time), while other lines are still printed above it.
/// </summary>
public interface ILiveProgress : IProgress<string>
{
    /// <summary>False when the output is not a terminal (a file, a pipe, a test): then lines are only ever printed.</summary>
    bool IsLive { get; }

    /// <summary>Shows the block, redrawn from <paramref name="render"/> a few times a second until <see cref="EndBlock"/>.</summary>
    void ShowBlock(Func<IReadOnlyList<string>> render);

    /// <summary>Stops redrawing; the block's last rendering stays printed.</summary>
    void EndBlock();
}
