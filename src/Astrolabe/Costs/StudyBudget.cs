using System.Globalization;

namespace Astrolabe;

/// <summary>
/// Limits on what a whole study may spend, summed over every trial in its storage (so over every worker and
/// process): CPU hours, kWh of energy, floating-point operations (as the trials recorded them) and wall time since
/// its first trial started. Once any limit is reached no new trial starts; running trials finish (or are pruned) and
/// are stored as usual. A limit left null does not apply.
/// </summary>
public sealed record StudyBudget
{
    /// <summary>CPU hours (the trials' attributed CPU seconds / 3600).</summary>
    public double? CpuHours { get; init; }

    /// <summary>Energy in kWh (measured or estimated, as recorded).</summary>
    public double? Kwh { get; init; }

    /// <summary>Floating-point operations (the trials' <see cref="TrialCost.FlopsKey"/>).</summary>
    public double? Flops { get; init; }

    /// <summary>Wall time since the study's first trial started.</summary>
    public TimeSpan? Wall { get; init; }

    /// <summary>
    /// Reads one limit as the command line writes it, <c>unit=amount</c>: <c>cpu-hours=2</c>, <c>kwh=0.5</c>,
    /// <c>flops=1e12</c>, <c>wall=3600</c> (seconds) or <c>wall=90m</c>/<c>wall=2h</c>/<c>wall=45s</c>, added to
    /// <paramref name="into"/>. Throws <see cref="ArgumentException"/>, naming the text, for an unknown unit or an
    /// amount that is not a positive finite number.
    /// </summary>
    public static StudyBudget Parse(string text, StudyBudget? into = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var budget = into ?? new StudyBudget();
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string unit = eq < 0 ? text.Trim() : text[..eq].Trim().ToLowerInvariant();
        string amount = eq < 0 ? "" : text[(eq + 1)..].Trim();
        return unit switch
        {
            "cpu-hours" => budget with { CpuHours = Positive(text, amount) },
            "kwh" => budget with { Kwh = Positive(text, amount) },
            "flops" => budget with { Flops = Positive(text, amount) },
            "wall" => budget with { Wall = Duration(text, amount) },
            _ => throw new ArgumentException($"Unknown budget '{text}': use cpu-hours=N, kwh=N, flops=N or wall=N (seconds, or with s, m or h)."),
        };
    }

    /// <summary>Which limit the trials have reached, as a sentence, or null while none is.</summary>
    public string? Spent(IReadOnlyList<FrozenTrial> trials, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(trials);
        double cpu = 0, joules = 0, flops = 0;
        DateTimeOffset? first = null;
        foreach (var t in trials)
        {
            if (TrialCost.Of(t) is { } cost)
            {
                cpu += cost.CpuSeconds;
                joules += cost.EnergyJoules;
            }

            if (t.SystemAttrs.TryGetValue(TrialCost.FlopsKey, out var f) && f is not null)
            {
                flops += Convert.ToDouble(f, CultureInfo.InvariantCulture);
            }

            if (t.DatetimeStart is { } start && (first is null || start < first))
            {
                first = start;
            }
        }

        if (CpuHours is { } h && cpu / 3600 >= h)
        {
            return $"CPU budget spent: {cpu / 3600:G4} of {h:G4} CPU hours.";
        }

        if (Kwh is { } k && joules / 3.6e6 >= k)
        {
            return $"Energy budget spent: {joules / 3.6e6:G4} of {k:G4} kWh.";
        }

        if (Flops is { } n && flops >= n)
        {
            return $"FLOP budget spent: {flops:G4} of {n:G4} floating-point operations.";
        }

        if (Wall is { } w && first is { } f0 && now - f0 >= w)
        {
            return $"Wall-time budget spent: {(now - f0).TotalSeconds:F0} of {w.TotalSeconds:F0} s since the first trial.";
        }

        return null;
    }

    internal void Validate()
    {
        foreach (var (name, value) in new[] { ("CpuHours", CpuHours), ("Kwh", Kwh), ("Flops", Flops), ("Wall", Wall?.TotalSeconds) })
        {
            if (value is { } v && !(v > 0 && double.IsFinite(v)))
            {
                throw new ArgumentException($"The budget's {name} must be positive, not {v.ToString(CultureInfo.InvariantCulture)}.");
            }
        }
    }

    private static double Positive(string text, string amount) =>
        double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"Budget '{text}': the amount must be a positive number.");

    private static TimeSpan Duration(string text, string amount)
    {
        double factor = 1;
        string number = amount;
        if (amount.Length > 0 && char.IsLetter(amount[^1]))
        {
            factor = char.ToLowerInvariant(amount[^1]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                _ => throw new ArgumentException($"Budget '{text}': the wall time is seconds, or a number with s, m or h."),
            };
            number = amount[..^1];
        }

        return TimeSpan.FromSeconds(Positive(text, number) * factor);
    }
}
