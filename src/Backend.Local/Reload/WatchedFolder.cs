namespace Backend.Local.Reload;

/// <summary>A folder to watch: with its subfolders (a project's sources), or only its own files (where template.yaml and Directory.Build.props sit).</summary>
public sealed record WatchedFolder(string Path, bool Recursive);
