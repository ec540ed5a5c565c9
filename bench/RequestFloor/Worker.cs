using System.Net.Http.Headers;

namespace RequestFloor;

/// <summary>
/// A trivial function: the loop of a Lambda runtime client (one invocation at a time: poll /next, post the answer)
/// around a handler that returns a constant proxy response, so the floor costs what the protocol costs.
/// </summary>
internal static class Worker
{
    private static readonly byte[] Answer = """{"statusCode":200,"body":"{\"result\":3}"}"""u8.ToArray();

    public static async Task<int> RunAsync(string runtimeApi)
    {
        // No timeout: /next is a long poll that may wait for as long as no request comes.
        using var client = new HttpClient { BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/invocation/"), Timeout = Timeout.InfiniteTimeSpan };
        while (true)
        {
            string requestId;
            try
            {
                using var next = await client.GetAsync("next");
                if (!next.IsSuccessStatusCode) return 0; // the Runtime API's way of saying: exit now
                requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
                // A runtime client reads the whole event before its handler runs.
                _ = await next.Content.ReadAsByteArrayAsync();
            }
            catch (HttpRequestException)
            {
                return 0; // the server is gone: so is its function
            }
            using var content = new ByteArrayContent(Answer);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var posted = await client.PostAsync(requestId + "/response", content);
        }
    }
}
