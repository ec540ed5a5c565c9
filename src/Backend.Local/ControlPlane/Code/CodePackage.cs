namespace Backend.Local.ControlPlane.Code;

/// <summary>A stored code package: the zip as uploaded and the folder it was extracted to.</summary>
/// <param name="Sha256Hex">The SHA-256 of the zip in lowercase hex: the package's name in the store.</param>
/// <param name="CodeSha256">The same digest in base64, as Lambda reports it in a function's configuration.</param>
/// <param name="CodeSize">The zip's size in bytes, as Lambda reports it.</param>
/// <param name="Directory">The extracted folder: the function's <c>LAMBDA_TASK_ROOT</c>.</param>
/// <param name="ZipPath">The zip as uploaded, for GetFunction's code location.</param>
public sealed record CodePackage(string Sha256Hex, string CodeSha256, long CodeSize, string Directory, string ZipPath);
