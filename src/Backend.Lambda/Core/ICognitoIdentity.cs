namespace Backend.Lambda.Core;

/// <summary>The Amazon Cognito identity of the caller (Lambda-Runtime-Cognito-Identity).</summary>
public interface ICognitoIdentity
{
    string? IdentityId { get; }
    string? IdentityPoolId { get; }
}
