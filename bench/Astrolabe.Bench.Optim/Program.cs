using System.Globalization;
using Astrolabe.Bench.Optim;
using Astrolabe.Optim;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1 << 24;
int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
const double AdamBytes = 28, TriadBytes = 12;

var rng = new Random(1);
var value = new float[size];
var grad = new float[size];
for (int i = 0; i < size; i++)
{
    value[i] = (float)(rng.NextDouble() - 0.5);
    grad[i] = (float)(rng.NextDouble() - 0.5);
}

var optimizer = Optimizers.Adam([new Parameter("w", value, grad, size)], lr: 1e-6);
int triadLength = (int)(size * AdamBytes / TriadBytes);
float[] a = new float[triadLength], b = new float[triadLength], c = new float[triadLength];
Array.Fill(b, 1f);
Array.Fill(c, 2f);

Console.WriteLine($"Adam step on {size:N0} float32 parameters ({AdamBytes * size / 1e6:F0} MB moved: read p, g, m, v; write p, m, v);");
Console.WriteLine($"triad a = b + s·c on {triadLength:N0} floats per array (the same {TriadBytes * triadLength / 1e6:F0} MB counted at 12 B/element).");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}; median of {repeats} after 3 warm-up runs.");
var rows = new List<string>();
foreach (int threads in new[] { 1, 2 })
{
    KernelOptions.MaxDegreeOfParallelism = threads;
    var (adam, triad) = Timing.MedianSecondsInterleaved(optimizer.Step, () => Triad.Run(a, b, c, 3f, threads), repeats);
    var (torchForeach, torchSingle) = Peer.AdamSeconds(size, threads, repeats);
    double adamGbs = AdamBytes * size / adam / 1e9, triadGbs = TriadBytes * triadLength / triad / 1e9;
    rows.Add($"| {threads} | {Cell(adam)} | {triad * 1e3:F1} ms ({triadGbs:F1} GB/s; {triadGbs * 16 / 12:F1} at 16 B) | {Cell(torchForeach)} | {Cell(torchSingle)} " +
        $"| {100 * adamGbs / triadGbs:F0}% ({100 * adamGbs / (triadGbs * 16 / 12):F0}%) | {Ratio(torchForeach)} | {Ratio(torchSingle)} |");

    string Cell(double? seconds) => seconds is double t ? $"{t * 1e3:F1} ms ({AdamBytes * size / t / 1e9:F1} GB/s)" : "n/a";
    string Ratio(double? seconds) => seconds is double t ? $"{t / adam:F2}×" : "n/a";
}

Console.WriteLine();
Console.WriteLine("| threads | Astrolabe Adam step | .NET triad, same bytes (12 B/elem; 16 B with write-allocate) | PyTorch Adam(foreach=True) | PyTorch Adam(foreach=False) | Astrolabe / triad bandwidth (vs 16 B/elem) | speed-up vs foreach=True | speed-up vs foreach=False |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);
