using System.Text.Json.Nodes;

namespace Astrolabe.Dashboard;

/// <summary>The objective over a pair of parameters: the best value of the Complete trials falling in each cell.</summary>
/// <param name="XParam">The parameter along x.</param>
/// <param name="YParam">The parameter along y.</param>
/// <param name="XLabels">The label of each column (its centre, or its category).</param>
/// <param name="YLabels">The label of each row.</param>
/// <param name="Cells">Cells[x][y]: the best value in that cell, or null when no trial fell in it.</param>
/// <param name="TrialCount">How many trials the grid summarises.</param>
public sealed record ContourGrid(string XParam, string YParam, IReadOnlyList<string> XLabels, IReadOnlyList<string> YLabels, double?[][] Cells, int TrialCount);

/// <summary>
/// Contour: the objective over two parameters as a heat map of cells, each showing the best value among the
/// Complete trials in it (binned, not interpolated, so every coloured cell is a value actually observed).
/// By default the pair of parameters used together most often; the dashboard can ask for any pair.
/// </summary>
public sealed class ContourPlot : Plot
{
    /// <inheritdoc />
    public override string Kind => "contour";

    /// <inheritdoc />
    public override string Title => "Contour";

    /// <inheritdoc />
    public override bool AppliesTo(StudySnapshot study) => study is not null && study.ParamNames().Count >= 2;

    /// <summary>The grid of a pair of parameters; throws <see cref="ArgumentException"/> for a parameter the study never used.</summary>
    public static ContourGrid Compute(StudySnapshot study, string xParam, string yParam, int objective = 0)
    {
        ArgumentNullException.ThrowIfNull(study);
        PlotValues.CheckObjective(study, objective);
        var xd = study.DistributionOf(xParam) ?? throw new ArgumentException($"The study has no parameter '{xParam}'.", nameof(xParam));
        var yd = study.DistributionOf(yParam) ?? throw new ArgumentException($"The study has no parameter '{yParam}'.", nameof(yParam));
        var xb = Bins.For(xd);
        var yb = Bins.For(yd);
        var cells = new double?[xb.Labels.Count][];
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = new double?[yb.Labels.Count];
        }

        var direction = study.Directions[objective];
        int count = 0;
        foreach (var t in study.Trials)
        {
            if (PlotValues.Objective(t, objective) is not { } v
                || !t.InternalParams.TryGetValue(xParam, out double x) || !t.InternalParams.TryGetValue(yParam, out double y))
            {
                continue;
            }

            count++;
            ref double? cell = ref cells[xb.IndexOf(x)][yb.IndexOf(y)];
            if (cell is not { } old || StorageRules.IsBetter(v, old, direction))
            {
                cell = v;
            }
        }

        return new ContourGrid(xParam, yParam, xb.Labels, yb.Labels, cells, count);
    }

    /// <inheritdoc />
    public override JsonObject Option(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var names = study.ParamNames();
        if (names.Count < 2)
        {
            return PlotValues.Frame(Title, "needs two parameters");
        }

        var (x, y) = DefaultPair(study);
        return Option(study, x, y);
    }

    /// <summary>The pair of parameters that Complete trials use together most often (the earliest such pair on ties).</summary>
    public static (string X, string Y) DefaultPair(StudySnapshot study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var names = study.ParamNames();
        if (names.Count < 2)
        {
            throw new ArgumentException($"The study '{study.StudyName}' has fewer than two parameters.", nameof(study));
        }

        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var together = new int[names.Count, names.Count];
        var used = new List<int>();
        foreach (var t in study.Trials)
        {
            if (PlotValues.Objective(t, 0) is null)
            {
                continue;
            }

            used.Clear();
            used.AddRange(t.InternalParams.Keys.Select(k => index[k]));
            foreach (int a in used)
            {
                foreach (int b in used)
                {
                    together[a, b]++;
                }
            }
        }

        (int X, int Y) best = (0, 1);
        for (int a = 0; a < names.Count; a++)
        {
            for (int b = a + 1; b < names.Count; b++)
            {
                if (together[a, b] > together[best.X, best.Y])
                {
                    best = (a, b);
                }
            }
        }

        return (names[best.X], names[best.Y]);
    }

    /// <summary>The contour option of a chosen pair of parameters.</summary>
    public JsonObject Option(StudySnapshot study, string xParam, string yParam)
    {
        var grid = Compute(study, xParam, yParam);
        var option = PlotValues.Frame(Title, $"best {PlotValues.ObjectiveName(study, 0)} per cell over {grid.TrialCount} trials");
        option["grid"] = new JsonObject { ["top"] = 80, ["left"] = 80, ["right"] = 90, ["bottom"] = 60 };
        option["xAxis"] = new JsonObject { ["type"] = "category", ["name"] = xParam, ["nameLocation"] = "middle", ["nameGap"] = 36, ["data"] = Labels(grid.XLabels) };
        option["yAxis"] = new JsonObject { ["type"] = "category", ["name"] = yParam, ["data"] = Labels(grid.YLabels) };
        var data = new JsonArray();
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < grid.Cells.Length; i++)
        {
            for (int j = 0; j < grid.Cells[i].Length; j++)
            {
                if (grid.Cells[i][j] is { } v)
                {
                    data.Add(PlotValues.Numbers(i, j, v));
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        if (data.Count > 0)
        {
            option["visualMap"] = new JsonObject
            {
                ["min"] = min,
                ["max"] = max,
                ["calculable"] = true,
                ["right"] = 0,
                ["top"] = "middle",
                ["inRange"] = new JsonObject { ["color"] = new JsonArray("#313695", "#74add1", "#ffffbf", "#f46d43", "#a50026") },
            };
        }

        option["series"] = new JsonArray(new JsonObject { ["type"] = "heatmap", ["id"] = "cells", ["data"] = data });
        return option;
    }

    private static JsonArray Labels(IReadOnlyList<string> labels) => PlotValues.Array(labels.Select(l => (JsonNode?)JsonValue.Create(l)));
}
