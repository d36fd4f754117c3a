namespace Astrolabe.Dashboard;

/// <summary>A parsed filter: every clause <c>column op literal</c> must hold.</summary>
internal sealed class TrialFilter
{
    private static readonly string[] Operators = ["<=", ">=", "!=", "=", "<", ">"];

    private readonly List<(TrialColumn Column, string Op, double Operand)> clauses;

    private TrialFilter(List<(TrialColumn, string, double)> clauses) => this.clauses = clauses;

    /// <summary>True when the filter has no clause.</summary>
    public bool IsEmpty => clauses.Count == 0;

    /// <summary>Parses comma-separated clauses; throws <see cref="ArgumentException"/> saying what is wrong with a clause.</summary>
    public static TrialFilter Parse(StudySnapshot study, string text)
    {
        var clauses = new List<(TrialColumn, string, double)>();
        foreach (string raw in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at = -1;
            string op = "";
            foreach (string candidate in Operators)
            {
                int i = raw.IndexOf(candidate, StringComparison.Ordinal);
                if (i > 0 && (at < 0 || i < at || (i == at && candidate.Length > op.Length)))
                {
                    at = i;
                    op = candidate;
                }
            }

            if (at < 0)
            {
                throw new ArgumentException($"Cannot read the filter clause '{raw}': write column op value with op one of = != < <= > >=, e.g. x>0.5.");
            }

            var column = TrialColumn.Resolve(study, raw[..at]);
            string literal = raw[(at + op.Length)..].Trim();
            double operand = column.Parse(literal)
                ?? throw new ArgumentException($"In the filter clause '{raw}', '{literal}' is not a value of column '{column.Name}'.");
            clauses.Add((column, op, operand));
        }

        return new TrialFilter(clauses);
    }

    /// <summary>True when the trial satisfies every clause.</summary>
    public bool Matches(FrozenTrial trial)
    {
        foreach (var (column, op, operand) in clauses)
        {
            double v = column.Of(trial);
            if (double.IsNaN(v))
            {
                return false;
            }

            bool ok = op switch
            {
                "=" => v == operand,
                "!=" => v != operand,
                "<" => v < operand,
                "<=" => v <= operand,
                ">" => v > operand,
                _ => v >= operand,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
