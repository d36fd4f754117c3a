using System.CommandLine;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe best</c>: the best trial (or the Pareto front).</summary>
internal static class BestCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var command = new Command("best", "Show the best trial of a study (the Pareto front for several objectives).") { study };
        command.SetAction(parse =>
        {
            var storage = ExistingStorage.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var loaded = StoredStudy.Load(storage, parse.GetValue(study)!);
            if (loaded.Directions.Count > 1)
            {
                var complete = loaded.Trials(TrialState.Complete);
                var front = ParetoFront.OfFeasible(complete, loaded.Directions);
                int infeasible = complete.Count(t => !t.IsFeasible);
                console.Out.WriteLine($"Pareto front: {front.Count} trials{(infeasible > 0 ? $" (feasible ones only; {infeasible} of {complete.Count} complete trials violate a constraint)" : "")}.");
                console.Ansi.Write(TrialTable.Render(front));
                return 0;
            }

            if (loaded.Trials(TrialState.Complete).Count == 0)
            {
                console.Error.WriteLine($"Study '{loaded.Name}' has no complete trial yet.");
                return ExitCodes.UsageError;
            }

            if (!loaded.Trials(TrialState.Complete).Any(t => t.IsFeasible))
            {
                console.Error.WriteLine($"Study '{loaded.Name}' has no feasible complete trial: every one violates a constraint.");
                return ExitCodes.UsageError;
            }

            var best = FeasibleBest.Of(storage, loaded.Id, loaded.Directions[0]);
            console.Out.WriteLine($"Best trial: #{best.Number}");
            console.Out.WriteLine($"Value: {Format.Value(best.Value!.Value)}");
            foreach (var (name, value) in best.Params)
            {
                console.Out.WriteLine($"  {name} = {Format.Param(value)}");
            }

            if (TrialCost.Of(best) is { } cost)
            {
                console.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Its cost: {cost.CpuSeconds:F1} CPU s, {cost.EnergyJoules:G3} J ({(cost.Method == EnergyMethod.Rapl ? "measured" : "estimated")}), {cost.Co2eGrams:G3} g CO2e{(cost.Flops is { } f ? $", {f:G3} FLOPs" : "")}."));
            }

            foreach (string line in Leaderboard.CostLines(loaded.Trials(TrialState.Complete, TrialState.Pruned, TrialState.Fail)))
            {
                console.Out.WriteLine(line);
            }

            return 0;
        });
        return command;
    }
}
