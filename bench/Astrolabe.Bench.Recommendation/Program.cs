using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Astrolabe.Nn;
using Astrolabe.Optim;

// Usage: Astrolabe.Bench.Recommendation CASE     one case, one JSON line: {"peer", "case", "seconds" (median per step), "loss"}
// Cases: mf_bpr_sparse_adam, mf_bpr_sparse_adagrad: matrix factorisation with item biases, 3,000 users × 1,200 items,
// dim 32, batch 256 (user, positive item, sampled negative), BPR loss, sparse embedding gradients; one thread.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args is not [var name] || name is not ("mf_bpr_sparse_adam" or "mf_bpr_sparse_adagrad"))
{
    Console.Error.WriteLine("usage: Astrolabe.Bench.Recommendation mf_bpr_sparse_adam | mf_bpr_sparse_adagrad");
    return 2;
}

KernelThreads.Max = 1;
KernelOptions.MaxDegreeOfParallelism = 1;
const int Users = 3000, Items = 1200, Dim = 32, Batch = 256, Batches = 64;
var users = new Embedding(Users, Dim, new Rng(1)) { Sparse = true, Name = "users" };
var items = new Embedding(Items, Dim, new Rng(2)) { Sparse = true, Name = "items" };
var itemBias = new Embedding(Items, 1, new Rng(3)) { Sparse = true, Name = "item_bias" };
Parameter[] parameters = [.. users.Parameters().Select(p => Rename(p, "users")), .. items.Parameters().Select(p => Rename(p, "items")), .. itemBias.Parameters().Select(p => Rename(p, "item_bias"))];
var optimizer = name == "mf_bpr_sparse_adam" ? Optimizers.SparseAdam(parameters, lr: 1e-3) : Optimizers.AdaGrad(parameters, lr: 1e-2);

// The same pre-drawn batches as the peer's (a fixed LCG, so no library RNG has to agree).
var data = new int[Batches][];
ulong state = 12345;
for (int b = 0; b < Batches; b++)
{
    data[b] = new int[3 * Batch];
    for (int i = 0; i < Batch; i++)
    {
        data[b][i] = Next(Users);
        data[b][Batch + i] = Next(Items);
        data[b][(2 * Batch) + i] = Next(Items);
    }
}

var ones = new Tensor([.. Enumerable.Repeat(1f, Dim)], [1, Dim]); // Σ over the last dimension as a product with ones
int k = 0;
float loss = 0;
void Step()
{
    var d = data[k++ % Batches];
    optimizer.ZeroGrad();
    var u = users.Forward(d[..Batch], [Batch]);
    var pos = d[Batch..(2 * Batch)];
    var neg = d[(2 * Batch)..];
    var sPos = Functional.Add(Functional.Linear(Functional.Mul(u, items.Forward(pos, [Batch])), ones, null), itemBias.Forward(pos, [Batch]));
    var sNeg = Functional.Add(Functional.Linear(Functional.Mul(u, items.Forward(neg, [Batch])), ones, null), itemBias.Forward(neg, [Batch]));
    var l = Functional.BprLoss(sPos, sNeg);
    l.Backward();
    optimizer.Step();
    loss = l.Item();
}

var warm = Stopwatch.StartNew();
for (int i = 0; i < 300 || warm.Elapsed.TotalSeconds < 2; i++)
{
    Step();
}

var times = new double[7];
for (int r = 0; r < times.Length; r++)
{
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < 200; i++)
    {
        Step();
    }

    times[r] = sw.Elapsed.TotalSeconds / 200;
}

Array.Sort(times);
Console.WriteLine(JsonSerializer.Serialize(new { peer = "astrolabe", @case = name, seconds = times[3], loss }));
return 0;

int Next(int n)
{
    state = (state * 6364136223846793005UL) + 1442695040888963407UL;
    return (int)((state >> 33) % (ulong)n);
}

static Parameter Rename(Parameter p, string prefix) => new(prefix + "." + p.Name, p.Value, p.SparseGrad!, [.. p.Shape]);
