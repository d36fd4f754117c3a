using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>astrolabe importance</c>: how much of a study's objective (or another target) each parameter explains, as
/// fractions summing to 1, the most important first (<see cref="ParamImportances"/>). <c>--format json</c> prints just
/// <c>{"param": importance, …}</c>.
/// </summary>
internal static class ImportanceCommand
{
    private static readonly Dictionary<string, Func<int?, IImportanceEvaluator>> Methods = new(StringComparer.Ordinal)
    {
        ["fanova"] = seed => new FanovaImportanceEvaluator(seed: seed),
        ["ped-anova"] = _ => new PedAnovaImportanceEvaluator(),
        ["mdi"] = seed => new MeanDecreaseImpurityImportanceEvaluator(seed: seed),
    };

    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var method = new Option<string>("--method") { Description = "fanova (default), ped-anova or mdi.", DefaultValueFactory = _ => "fanova" };
        method.AcceptOnlyFromAmong([.. Methods.Keys]);
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var seed = NumberOptions.WholeNumber("--seed", "The random forest's seed (fanova, mdi); the same seed gives the same importances.", defaultValue: 0);
        var target = new Option<string?>("--target") { Description = ImportanceTargetOption.Help };
        var parameters = new Option<string?>("--params") { Description = "The parameters to judge, comma-separated (default: those every Complete trial has)." };
        var command = new Command("importance", "How much each parameter explains of a study's objective (fANOVA, PED-ANOVA or mean decrease in impurity).")
        {
            study, method, format, seed, target, parameters,
        };
        command.SetAction(parse =>
        {
            var chosenTarget = ImportanceTargetOption.Parse(parse.GetValue(target));
            var names = ParseParams(parse.GetValue(parameters));
            var storage = ExistingStorage.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            var loaded = StoredStudy.Load(storage, parse.GetValue(study)!);
            if (chosenTarget is null && loaded.Directions.Count > 1)
            {
                throw new ArgumentException($"Study '{loaded.Name}' has {loaded.Directions.Count} objectives: choose the one to explain with --target values[i] (i from 0).");
            }

            var evaluator = Methods[parse.GetValue(method)!](parse.GetValue(seed));
            var importances = ParamImportances.FromTrials(loaded.Trials(TrialState.Complete), loaded.Directions, evaluator, names, chosenTarget);
            if (parse.GetValue(format) == "json")
            {
                console.Out.WriteLine(Json(importances));
                return 0;
            }

            var table = new Table().AddColumns("parameter", "importance", "");
            foreach (var (name, value) in importances)
            {
                table.AddRow(Markup.Escape(name), value.ToString("F3", CultureInfo.InvariantCulture), new string('█', (int)Math.Round(value * 40)));
            }

            console.Ansi.Write(table);
            return 0;
        });
        return command;
    }

    private static string[]? ParseParams(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return names.Length > 0 ? names.Distinct(StringComparer.Ordinal).ToArray() : throw new ArgumentException("--params names no parameter; give names separated by commas.");
    }

    private static string Json(IReadOnlyDictionary<string, double> importances)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in importances)
            {
                writer.WriteNumber(name, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
