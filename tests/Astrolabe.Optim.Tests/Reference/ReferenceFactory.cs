using System.Text.Json;

namespace Astrolabe.Optim.Tests;

/// <summary>Builds the optimizer, clipping and scheduler a reference file describes, with torch's keyword names.</summary>
internal static class ReferenceFactory
{
    public static Optimizer Optimizer(JsonElement spec, IReadOnlyList<Parameter> ps, string file)
    {
        var a = new JsonArgs(spec, $"{file}: optimizer");
        string type = a.S("type", "");
        Optimizer opt = type switch
        {
            "sgd" => Optimizers.Sgd(ps, a.D("lr", 1e-3), a.D("momentum", 0), a.D("dampening", 0), a.D("weight_decay", 0), a.B("nesterov"), a.B("maximize")),
            "adam" => Adam(a, ps, decoupled: false),
            "adamw" => Adam(a, ps, decoupled: true),
            "adagrad" => Optimizers.AdaGrad(ps, a.D("lr", 1e-2), a.D("lr_decay", 0), a.D("weight_decay", 0), a.D("initial_accumulator_value", 0), a.D("eps", 1e-10), a.B("maximize")),
            "rmsprop" => Optimizers.RmsProp(ps, a.D("lr", 1e-2), a.D("alpha", 0.99), a.D("eps", 1e-8), a.D("weight_decay", 0), a.D("momentum", 0), a.B("centered"), a.B("maximize")),
            "adadelta" => Optimizers.Adadelta(ps, a.D("lr", 1.0), a.D("rho", 0.9), a.D("eps", 1e-6), a.D("weight_decay", 0), a.B("maximize")),
            "adamax" => Adamax(a, ps),
            "nadam" => NAdam(a, ps),
            "radam" => RAdam(a, ps),
            _ => throw new InvalidDataException($"{file}: unknown optimizer type '{type}'."),
        };
        a.EnsureAllUsed();
        return opt;
    }

    public static void AttachClip(Optimizer opt, JsonElement spec, string file)
    {
        if (spec.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var a = new JsonArgs(spec, $"{file}: clip");
        string type = a.S("type", "");
        _ = type switch
        {
            "norm" => opt.WithGradientClipping(a.D("max_norm", double.NaN), a.D("norm_type", 2.0)),
            "value" => opt.WithValueClipping(a.D("clip_value", double.NaN)),
            _ => throw new InvalidDataException($"{file}: unknown clip type '{type}'."),
        };
        a.EnsureAllUsed();
    }

    /// <summary>Puts a schedule into the optimizer's chain; returns what to call after each optimizer step with that row's loss (a plateau's step).</summary>
    public static Action<double> Scheduler(Optimizer opt, JsonElement spec, string file)
    {
        if (spec.ValueKind == JsonValueKind.Null)
        {
            return _ => { };
        }

        var a = new JsonArgs(spec, $"{file}: schedule");
        string type = a.S("type", "");
        double lr = opt.LearningRate;
        Action<double> step;
        if (type == "plateau")
        {
            var plateau = new ReduceLearningRateOnPlateau(opt, new PlateauOptions
            {
                Maximize = a.S("mode", "min") == "max",
                Factor = a.D("factor", 0.1),
                Patience = a.I("patience", 10),
                Threshold = a.D("threshold", 1e-4),
                RelativeThreshold = a.S("threshold_mode", "rel") == "rel",
                Cooldown = a.I("cooldown", 0),
                MinLearningRate = a.D("min_lr", 0),
            });
            step = plateau.Step;
        }
        else
        {
            opt.WithSchedule(Schedule(type, a, lr, file));
            step = _ => { };
        }

        a.EnsureAllUsed();
        return step;
    }

    private static ISchedule Schedule(string type, JsonArgs a, double lr, string file) => type switch
    {
        "step" => new StepSchedule(lr, a.I("step_size", 1), a.D("gamma", 0.1)),
        "multistep" => new MultiStepSchedule(lr, [.. a.Get("milestones").EnumerateArray().Select(m => m.GetInt32())], a.D("gamma", 0.1)),
        "exponential" => new ExponentialSchedule(lr, a.D("gamma", double.NaN)),
        "cosine" => new CosineAnnealingSchedule(lr, a.I("T_max", 1), a.D("eta_min", 0)),
        "cosine_warm_restarts" => new CosineWarmRestartsSchedule(lr, a.I("T_0", 1), a.I("T_mult", 1), a.D("eta_min", 0)),
        "linear" => new LinearSchedule(lr, a.D("start_factor", 1.0 / 3), a.D("end_factor", 1.0), a.I("total_iters", 5)),
        "polynomial" => new PolynomialSchedule(lr, a.I("total_iters", 5), a.D("power", 1.0)),
        "onecycle" => new OneCycleSchedule(a.D("max_lr", double.NaN), a.I("total_steps", 1), a.D("pct_start", 0.3), a.S("anneal_strategy", "cos") == "cos", a.D("div_factor", 25), a.D("final_div_factor", 1e4), a.B("three_phase")),
        "warmup_cosine" => Schedules.WarmupCosine(lr, a.I("warmup_steps", 1), a.I("T_max", 1), a.D("start_factor", 1.0 / 3), a.D("eta_min", 0)),
        _ => throw new InvalidDataException($"{file}: unknown schedule type '{type}'."),
    };

    private static Optimizer Adam(JsonArgs a, IReadOnlyList<Parameter> ps, bool decoupled)
    {
        var (b1, b2) = a.Betas(0.9, 0.999);
        return decoupled
            ? Optimizers.AdamW(ps, a.D("lr", 1e-3), b1, b2, a.D("eps", 1e-8), a.D("weight_decay", 1e-2), a.B("amsgrad"), a.B("maximize"))
            : Optimizers.Adam(ps, a.D("lr", 1e-3), b1, b2, a.D("eps", 1e-8), a.D("weight_decay", 0), a.B("amsgrad"), a.B("maximize"));
    }

    private static Optimizer Adamax(JsonArgs a, IReadOnlyList<Parameter> ps)
    {
        var (b1, b2) = a.Betas(0.9, 0.999);
        return Optimizers.Adamax(ps, a.D("lr", 2e-3), b1, b2, a.D("eps", 1e-8), a.D("weight_decay", 0), a.B("maximize"));
    }

    private static Optimizer NAdam(JsonArgs a, IReadOnlyList<Parameter> ps)
    {
        var (b1, b2) = a.Betas(0.9, 0.999);
        return Optimizers.NAdam(ps, a.D("lr", 2e-3), b1, b2, a.D("eps", 1e-8), a.D("weight_decay", 0), a.D("momentum_decay", 4e-3));
    }

    private static Optimizer RAdam(JsonArgs a, IReadOnlyList<Parameter> ps)
    {
        var (b1, b2) = a.Betas(0.9, 0.999);
        return Optimizers.RAdam(ps, a.D("lr", 1e-3), b1, b2, a.D("eps", 1e-8), a.D("weight_decay", 0));
    }
}
