using System.CommandLine;

namespace Astrolabe.Cli.Commands;

/// <summary>
/// <c>--budget unit=amount</c>, repeatable: the limits of a <see cref="StudyBudget"/> (cpu-hours, kwh, flops, wall).
/// A bad one is reported with the option's name and the text, before anything runs.
/// </summary>
internal static class BudgetOption
{
    public static Option<StudyBudget?> Create() => new("--budget")
    {
        Description = "Stop the study, over all its workers, once it has spent this much: cpu-hours=N, kwh=N, flops=N or wall=N (seconds, or N with s, m, h). Repeat for several.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            StudyBudget? budget = null;
            foreach (var token in result.Tokens)
            {
                try
                {
                    budget = StudyBudget.Parse(token.Value, budget);
                }
                catch (ArgumentException e)
                {
                    result.AddError($"--budget: {e.Message}");
                    return null;
                }
            }

            return budget;
        },
    };
}
