Console.Out.WriteLine("ready");
Console.Out.Flush();
Console.In.ReadToEnd();
