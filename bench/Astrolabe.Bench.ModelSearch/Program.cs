using System.Globalization;
using Astrolabe.Bench.ModelSearch;
using Astrolabe.ModelSearch;

// End-to-end model search against Optuna + PyTorch on the same fixed list of configurations.
// Usage: Astrolabe.Bench.ModelSearch configs COUNT MAX_EPOCHS SEED LIST.json   draw the list (RandomSampler(SEED))
//        Astrolabe.Bench.ModelSearch run LIST.json SEED THREADS                 search + retrain; one JSON line
//        Astrolabe.Bench.ModelSearch report OURS.jsonl PEER.jsonl               markdown tables of both sides
//        Astrolabe.Bench.ModelSearch tta SEED THREADS TARGET MAX_TRIALS MAX_EPOCHS  time to a model at TARGET test accuracy
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
switch (args)
{
    case ["configs", var count, var epochs, var seed, var path]:
        var space = BenchSpace.Create(Int(epochs));
        var configs = ConfigList.Draw(BuiltInTasks.Load(BenchSpace.TaskName), space, Int(count), Int(seed));
        ConfigList.Write(path, Int(epochs), Int(seed), space, configs);
        return 0;
    case ["run", var path, var seed, var threads]:
        Console.WriteLine(SearchRun.Run(path, Int(seed), Int(threads)).ToJson());
        return 0;
    case ["tta", var seed, var threads, var target, var maxTrials, var epochs]:
        Console.WriteLine(TimeToAccuracy.Run(Int(seed), Int(threads), double.Parse(target, CultureInfo.InvariantCulture), Int(maxTrials), Int(epochs)));
        return 0;
    case ["report", var ours, var peer]:
        Report.Print(ours, peer);
        return 0;
    default:
        Console.Error.WriteLine("usage: Astrolabe.Bench.ModelSearch configs COUNT MAX_EPOCHS SEED LIST.json | run LIST.json SEED THREADS | report OURS PEER | tta SEED THREADS TARGET MAX_TRIALS MAX_EPOCHS");
        return 2;
}
