using System.Globalization;
using RequestFloor;

// Usage: RequestFloor server [workers=4]   (prints "ready <front-url>"; stops when stdin closes)
//        RequestFloor worker               (AWS_LAMBDA_RUNTIME_API=host:port; started by the server)
return args.FirstOrDefault() switch
{
    "server" => await FloorServer.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4),
    "worker" => await Worker.RunAsync(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
        ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set")),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: RequestFloor server [workers=4] | RequestFloor worker");
    return 2;
}
