using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Backend.ReloadBench;

/// <summary>The requests the benchmark watches for new code or configuration, polled every 20 ms.</summary>
public sealed class Probes(HttpClient http, Emulator emulator)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>The functions that reference src/Backend.Lambda, by the name the Lambda API knows them by.</summary>
    public static readonly string[] Functions = ["CalcFunction", "RandomNumberFunction", "BooksFunction", "DynamoDbManagerFunction"];

    /// <summary>Polls <paramref name="seen"/> until it holds; returns the time since <paramref name="saved"/> (a Stopwatch timestamp).</summary>
    public static async Task<TimeSpan> UntilAsync(long saved, Func<Task<bool>> seen, TimeSpan timeout, string what)
    {
        using var timer = new PeriodicTimer(Interval);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            bool done;
            try
            {
                done = await seen();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                done = false; // not answering right now is just "not yet"; the deadline decides
            }
            if (done) return Stopwatch.GetElapsedTime(saved);
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{what}: not seen within {timeout.TotalSeconds:F0} s of the save");
            await timer.WaitForNextTickAsync();
        }
    }

    public string CalcUrl => emulator.ApiUrl + "/prod/calc/1/2/%2B";

    /// <summary>The <c>output.c</c> of <c>GET /prod/calc/1/2/%2B</c>.</summary>
    public async Task<int> CalcSumAsync()
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(CalcUrl));
        return json.RootElement.GetProperty("output").GetProperty("c").GetInt32();
    }

    /// <summary>The Access-Control-Allow-Origin of <c>GET /prod/books</c> (from BooksFunction's ALLOWED_ORIGIN).</summary>
    public async Task<string?> BooksOriginAsync()
    {
        using var response = await http.GetAsync(emulator.ApiUrl + "/prod/books");
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.FirstOrDefault() : null;
    }

    /// <summary>The function's RevisionId in the Lambda API: a new one means the function was reloaded.</summary>
    public async Task<string> RevisionIdAsync(string function)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync($"{emulator.LambdaUrl}/2015-03-31/functions/{function}/configuration"));
        return json.RootElement.GetProperty("RevisionId").GetString() ?? "";
    }

    /// <summary>One request to one of the function's routes; true when it answered 2xx.</summary>
    public async Task<bool> AnswersAsync(string function)
    {
        using var request = function switch
        {
            "CalcFunction" => new HttpRequestMessage(HttpMethod.Get, CalcUrl),
            "RandomNumberFunction" => new HttpRequestMessage(HttpMethod.Get, emulator.ApiUrl + "/index"),
            "BooksFunction" => new HttpRequestMessage(HttpMethod.Get, emulator.ApiUrl + "/prod/books"),
            "DynamoDbManagerFunction" => new HttpRequestMessage(HttpMethod.Post, emulator.ApiUrl + "/prod/DynamoDBManager")
            {
                Content = new StringContent("""{"operation":"ping"}""", Encoding.UTF8, "application/json"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "no route known for it"),
        };
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }
}
