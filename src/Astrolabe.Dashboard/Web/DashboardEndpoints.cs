using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Astrolabe.Dashboard;

/// <summary>
/// The dashboard's routes, all GET: <c>/</c> the page; <c>/assets/{name}</c> its scripts; <c>/api/studies</c> the
/// study list; <c>/api/studies/{id}</c> a study's version, state counts and plot kinds; <c>/api/studies/{id}/trials</c>
/// one page of the trial table (<see cref="TrialQuery"/> as query parameters); <c>/api/studies/{id}/plots/{kind}</c>
/// a plot's ECharts option. Bad input answers 400 and an unknown study 404, each with <c>{"error": message}</c>.
/// </summary>
internal static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder app, StudyCache cache)
    {
        string page = Assets.Text("index.html");
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/assets/{name}", (string name) => Assets.Served.TryGetValue(name, out var type)
            ? Results.Text(Assets.Text(name), type)
            : Results.NotFound());
        app.MapGet("/api/studies", () => Guard(() => Results.Ok(cache.Reader.GetAllStudies().Select(s => new
        {
            id = s.StudyId,
            name = s.StudyName,
            directions = s.Directions.Select(d => d.ToString().ToLowerInvariant()),
            trialCount = s.TrialCount,
            best = s.BestValues,
            start = s.DatetimeStart,
        }))));
        app.MapGet("/api/studies/{id:int}", (int id) => Guard(() =>
        {
            var study = cache.Get(id);
            return Results.Ok(new
            {
                id,
                name = study.StudyName,
                directions = study.Directions.Select(d => d.ToString().ToLowerInvariant()),
                version = study.Version,
                trialCount = study.Trials.Count,
                @params = study.ParamNames(),
                plots = Plots.For(study).Select(p => new { kind = p.Kind, title = p.Title }),
            });
        }));
        app.MapGet("/api/studies/{id:int}/trials", (HttpContext http, int id, string? sort, bool? desc, string? filter, int? offset, int? limit) => Guard(() =>
        {
            var study = cache.Get(id);
            return Json(ResponseMemo.Get(study, http.Request.QueryString.Value ?? "", () => JsonSerializer.Serialize(TrialTable.Query(study, new TrialQuery
            {
                Sort = string.IsNullOrEmpty(sort) ? "number" : sort,
                Descending = desc ?? false,
                Filter = filter ?? "",
                Offset = offset ?? 0,
                Limit = limit ?? 50,
            }), Web)));
        }));
        app.MapGet("/api/studies/{id:int}/plots/{kind}", (int id, string kind, string? x, string? y) => Guard(() =>
        {
            var study = cache.Get(id);
            var plot = Plots.Get(kind);
            if (!plot.AppliesTo(study))
            {
                throw new ArgumentException($"The {plot.Kind} plot does not apply to study '{study.StudyName}'.");
            }

            return Json(ResponseMemo.Get(study, $"plot:{plot.Kind}:{x}:{y}", () =>
                (plot is ContourPlot contour && x is not null && y is not null ? contour.Option(study, x, y) : plot.Option(study)).ToJsonString()));
        }));
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");

    private static IResult Guard(Func<IResult> handler)
    {
        try
        {
            return handler();
        }
        catch (StudyNotFoundException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ArgumentException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
