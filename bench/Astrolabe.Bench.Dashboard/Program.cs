// Dashboard response times on a 100k-trial SQLite study.
// Usage: dotnet run -c Release --project bench/Astrolabe.Bench.Dashboard -- [--trials N] [--db PATH] [--out RESULTS.md]
//        ... -- --trials N --db PATH --report FILE.html   writes the study's HTML report and stops (report.sh times it in Chromium)
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Astrolabe;
using Astrolabe.Dashboard;

int trials = 100_000;
string? dbArg = null;
string? outPath = null;
string? reportPath = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--trials": trials = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--db": dbArg = args[++i]; break;
        case "--out": outPath = args[++i]; break;
        case "--report": reportPath = args[++i]; break;
        default: throw new ArgumentException($"Unknown argument '{args[i]}'; use --trials N, --db PATH, --out FILE, --report FILE.html.");
    }
}

string folder = Directory.CreateTempSubdirectory("astrolabe-bench-dashboard-").FullName;
string db = dbArg ?? Path.Combine(folder, "bench.db");
var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

var clock = Stopwatch.StartNew();
if (!File.Exists(db))
{
    using var writer = new SqliteStorage(db);
    StudyBuilder.Build(writer, "bench", trials, seed: 1);
}

double buildSeconds = clock.Elapsed.TotalSeconds;

if (reportPath is not null)
{
    using var source = new SqliteStorage(db);
    var snapshot = StudySnapshot.Read(source, "bench");
    var write = Stopwatch.StartNew();
    HtmlReport.WriteFile(snapshot, reportPath);
    write.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"report of {snapshot.Trials.Count:N0} trials: {new FileInfo(reportPath).Length:N0} bytes, written in {write.Elapsed.TotalSeconds:F2} s"));
    if (dbArg is null)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    return;
}

// A fresh storage object, as a `astrolabe dashboard` process would open it: nothing cached.
using var storage = new SqliteStorage(db);
await using var server = await DashboardServer.StartAsync(storage, new DashboardOptions { Port = 0 });
using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(5) };
int id = storage.GetStudyId("bench");
IReadOnlyList<Plot> plots;
using (var probe = new SqliteStorage(db))
{
    plots = Plots.For(StudySnapshot.Read(probe, id)); // a separate storage object: the dashboard's stays cold
}


async Task<(double Ms, int Bytes)> Time(string path)
{
    var watch = Stopwatch.StartNew();
    using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
    byte[] body = await response.Content.ReadAsByteArrayAsync();
    watch.Stop();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
    }

    return (watch.Elapsed.TotalMilliseconds, body.Length);
}

async Task<double> Median(string path, int repeats = 7)
{
    var times = new List<double>();
    for (int r = 0; r < repeats; r++)
    {
        times.Add((await Time(path)).Ms);
    }

    times.Sort();
    return times[times.Count / 2];
}

string Ms(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);

Line($"# Dashboard response times, {trials:N0}-trial SQLite study");
Line("");
Line($"Machine: {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
Line($"Study: {trials:N0} finished trials (x float, lr log-float, layers int, act categorical; 80% complete, 15% pruned with 10 intermediate values, 5% failed), built through the storage API in {buildSeconds:F1} s.");
Line("Each request goes through HTTP on 127.0.0.1 to a dashboard started on a fresh storage object (nothing cached).");
Line("");
Line("| request | first (cold) ms | warm median of 7, ms | response bytes |");
Line("|---|---:|---:|---:|");
string[] paths =
[
    "/",
    "api/studies",
    $"api/studies/{id}",
    $"api/studies/{id}/trials?limit=50",
    $"api/studies/{id}/trials?sort=value&desc=true&filter=act%3Drelu,x%3E0&offset=1000&limit=50",
    .. plots.Select(p => $"api/studies/{id}/plots/{p.Kind}"),
];
foreach (string path in paths)
{
    var (cold, bytes) = await Time(path);
    double warm = await Median(path);
    Line($"| `GET {path}` | {Ms(cold)} | {Ms(warm)} | {bytes:N0} |");
}

Line("");
Line("The Pareto plot is left out: the study has one objective.");
Line("\"first (cold)\" is the first request of that path; the study is read from SQLite once, by the first request that needs its trials");
Line($"(`GET api/studies/{id}`), later snapshots re-read only what changed. Warm requests re-read the storage when the");
Line("snapshot is older than 0.5 s, as a live dashboard does: a count of the study's trials, plus a re-read of the unfinished ones;");
Line("while nothing changed, a repeated plot or table request is answered from the responses computed for that snapshot.");

if (outPath is not null)
{
    await File.WriteAllTextAsync(outPath, report.ToString());
}

if (dbArg is null)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
