using System.Globalization;
using Astrolabe.Bench.Quant;

// Int8 post-training quantisation against PyTorch 1.13 (onednn engine) on the demo's best CNN and MLP (mnist10k).
// Usage: Astrolabe.Bench.Quant prepare DIR   trains both models (fixed seeds), saves fp32 and int8 files, and writes
//                                            for peer_quant.py: the architecture, the fp32 weights, the 512 scaled
//                                            calibration rows and the scaled test rows with their labels
//        Astrolabe.Bench.Quant measure DIR   accuracy, top-1 agreement, file bytes and 1-thread latency at batch 1 and
//                                            128 of our fp32 and int8 models: one JSON line per model
string mode = args.Length > 1 ? args[0] : throw new ArgumentException("Usage: Astrolabe.Bench.Quant prepare|measure DIR");
string dir = args[1];
switch (mode)
{
    case "prepare":
        Prepare.Run(dir);
        break;
    case "measure":
        Measure.Run(dir, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
        break;
    default:
        throw new ArgumentException($"Unknown mode '{mode}'.");
}
