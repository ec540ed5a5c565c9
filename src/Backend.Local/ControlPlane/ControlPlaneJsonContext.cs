using System.Text.Json.Serialization;

namespace Backend.Local.ControlPlane;

/// <summary>Source-generated JSON for the persisted function state (src/ stays reflection-free).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FunctionState))]
internal sealed partial class ControlPlaneJsonContext : JsonSerializerContext;
