// Intentionally empty: see the project file. Usage (from the repository root):
//   dotnet ef migrations add <Name> --project src/Modules/Tasks --startup-project tools/Platform.DesignTime --context TasksDbContext --output-dir Migrations
Console.WriteLine("Design-time startup project for dotnet-ef; nothing to run.");
