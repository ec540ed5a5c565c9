using System.Globalization;

namespace RequestFloor;

/// <summary>
/// The event handed to a worker: events/calc-get-query.json minified (≈1.5 KB, a REST proxy event for Calc's GET),
/// so the floor moves the bytes the emulator moves. Its shape is constant; the ids and the time are fresh per
/// request, as API Gateway's are.
/// </summary>
internal static class ApiGatewayEvent
{
    public static string Create(string apiRequestId, DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"resource":"/calc","path":"/calc","httpMethod":"GET","headers":{"Accept":"application/json","Host":"abcdef1234.execute-api.us-east-1.amazonaws.com","User-Agent":"curl/8.5.0","X-Forwarded-For":"203.0.113.10","X-Forwarded-Port":"443","X-Forwarded-Proto":"https"},"multiValueHeaders":{"Accept":["application/json"],"Host":["abcdef1234.execute-api.us-east-1.amazonaws.com"],"User-Agent":["curl/8.5.0"],"X-Forwarded-For":["203.0.113.10"],"X-Forwarded-Port":["443"],"X-Forwarded-Proto":["https"]},"queryStringParameters":{"operand1":"1","operand2":"2","operator":"+"},"multiValueQueryStringParameters":{"operand1":["1"],"operand2":["2"],"operator":["+"]},"pathParameters":null,"stageVariables":null,"requestContext":{"resourceId":"a1b2c3","resourcePath":"/calc","httpMethod":"GET","extendedRequestId":"Xyz1AbCdIAMEzw=","requestTime":"{{now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture)}}","path":"/prod/calc","accountId":"123456789012","protocol":"HTTP/1.1","stage":"prod","domainPrefix":"abcdef1234","requestTimeEpoch":{{now.ToUnixTimeMilliseconds()}},"requestId":"{{apiRequestId}}","identity":{"cognitoIdentityPoolId":null,"accountId":null,"cognitoIdentityId":null,"caller":null,"sourceIp":"203.0.113.10","principalOrgId":null,"accessKey":null,"cognitoAuthenticationType":null,"cognitoAuthenticationProvider":null,"userArn":null,"userAgent":"curl/8.5.0","user":null},"domainName":"abcdef1234.execute-api.us-east-1.amazonaws.com","apiId":"abcdef1234"},"body":null,"isBase64Encoded":false}""");
}
