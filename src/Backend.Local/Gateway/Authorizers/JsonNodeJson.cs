using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Backend.Local.Gateway.Authorizers;

/// <summary>Source-generated JSON for the values the authorizer step writes into requestContext.authorizer.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(string))]
internal sealed partial class JsonNodeJson : JsonSerializerContext;
