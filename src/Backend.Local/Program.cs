using Backend.Local.Hosting;

// The CLI only: each subcommand's behaviour lives in Hosting/.
return await Cli.RunAsync(args);
