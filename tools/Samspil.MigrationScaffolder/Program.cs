using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Samspil.Infrastructure.Persistence;

// Usage: dotnet run --project tools/Samspil.MigrationScaffolder -- add <MigrationName>
//        dotnet run --project tools/Samspil.MigrationScaffolder -- check
// "add" writes a migration for SQLite and one for PostgreSQL into src/Samspil/Infrastructure/Persistence/Migrations.
// "check" exits 1 when the model has changes that no migration covers.
if (args.Length < 1 || (args[0] == "add" && args.Length < 2) || args[0] is not ("add" or "check"))
{
    Console.Error.WriteLine("usage: add <MigrationName> | check");
    return 2;
}

var projectDir = FindProjectDir();
var providers = new (string Name, Func<SamspilDbContext> Create, string DesignServices)[]
{
    ("Sqlite",
        () => new SqliteSamspilDbContext(new DbContextOptionsBuilder<SqliteSamspilDbContext>().UseSqlite("Data Source=:memory:").Options),
        "Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices, Microsoft.EntityFrameworkCore.Sqlite"),
    ("Postgres",
        () => new PostgresSamspilDbContext(new DbContextOptionsBuilder<PostgresSamspilDbContext>().UseNpgsql("Host=localhost").Options),
        "Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices, Npgsql.EntityFrameworkCore.PostgreSQL"),
};

var pending = false;
foreach (var (name, create, designServices) in providers)
{
    using var context = create();
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    var designType = Type.GetType(designServices, throwOnError: true)!;
    ((IDesignTimeServices)Activator.CreateInstance(designType)!).ConfigureDesignTimeServices(services);
    using var provider = services.BuildServiceProvider();

    if (args[0] == "check")
    {
        var changed = context.Database.HasPendingModelChanges();
        Console.WriteLine($"{name}: {(changed ? "model has changes without a migration" : "up to date")}");
        pending |= changed;
        continue;
    }

    var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[1], "Samspil", $"Infrastructure.Persistence.Migrations.{name}", "C#");
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Infrastructure", "Persistence", "Migrations", name));
    Console.WriteLine($"{name}: {files.MigrationFile}");
}

return pending ? 1 : 0;

static string FindProjectDir()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Samspil.slnx")))
    {
        dir = dir.Parent;
    }

    return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Run inside the Samspil repository."), "src", "Samspil");
}
