using System.Globalization;
using Npgsql;

namespace Astrolabe;

/// <content>
/// Trial creation and updates. Starting a trial (creating or claiming it) is one statement in autocommit that
/// writes a fresh request token into the trial (<c>create_request</c> or <c>claim_request</c>): when its answer
/// is lost, the token tells whether it was committed (<see cref="Once{T}"/>).
/// </content>
public sealed partial class PostgresStorage
{
    /// <summary>
    /// Moves the oldest Waiting trial of study $1 to Running (start $2, a first heartbeat when $3, request token $5)
    /// and returns its id and number; SKIP LOCKED: concurrent claims take different trials.
    /// </summary>
    private const string ClaimSql = $"""
        UPDATE astrolabe_trials SET state = {SqlCodes.Running}, datetime_start = $2, heartbeat = CASE WHEN $3 THEN {ServerMilliseconds} END, claim_request = $5
        WHERE trial_id = (SELECT trial_id FROM astrolabe_trials WHERE study_id = $1 AND state = {SqlCodes.Waiting} ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED)
          AND state = {SqlCodes.Waiting}
        RETURNING trial_id, number
        """;

    /// <summary>
    /// Records the worker ($4, JSON text; nothing when null) of the trials a statement's CTE <c>mine</c> returns,
    /// in the same statement that created or claimed them.
    /// </summary>
    private const string WorkerAttrSql = $"""
        w AS (
            INSERT INTO astrolabe_trial_attrs(trial_id, kind, key, value) SELECT trial_id, {SqlCodes.SystemAttr}, '{SystemAttrKeys.Worker}', $4::text FROM mine WHERE $4::text IS NOT NULL
            ON CONFLICT(trial_id, kind, key) DO UPDATE SET value = excluded.value)
        """;

    /// <summary>
    /// The trial of study $1 that the call with request token $2 created or claimed: id, number, whether it
    /// created it. When $3 (the call started it with a heartbeat), its heartbeat is renewed, as if just started.
    /// </summary>
    private const string FindRequestSql = $"""
        WITH found AS (
            SELECT trial_id, number, create_request IS NOT DISTINCT FROM $2 AS created FROM astrolabe_trials
            WHERE study_id = $1 AND (create_request = $2 OR claim_request = $2)),
        beat AS (
            UPDATE astrolabe_trials t SET heartbeat = {ServerMilliseconds} FROM found
            WHERE $3 AND t.trial_id = found.trial_id AND t.state = {SqlCodes.Running} AND t.heartbeat IS NOT NULL)
        SELECT trial_id, number, created FROM found
        """;

    /// <summary>The <see cref="SystemAttrKeys.Worker"/> of the trials this process runs with heartbeats: machine and process id.</summary>
    private static readonly string WorkerName = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");

    /// <summary>Locks a trial that may still change (FOR SHARE: a concurrent finish waits, and vice versa).</summary>
    private const string UpdatableTrial = $"(SELECT trial_id FROM astrolabe_trials WHERE trial_id = $1 AND state IN ({SqlCodes.Running}, {SqlCodes.Waiting}) FOR SHARE) t";

    /// <inheritdoc />
    public FrozenTrial CreateTrial(int studyId, FrozenTrial? template = null) => CreateTrial(studyId, template, heartbeat: false);

    /// <inheritdoc />
    public FrozenTrial CreateTrialWithHeartbeat(int studyId, FrozenTrial? template = null) => CreateTrial(studyId, template, heartbeat: true);

    /// <inheritdoc />
    public FrozenTrial? ClaimWaitingTrialWithHeartbeat(int studyId) => ClaimWaitingTrial(studyId, heartbeat: true);

    private FrozenTrial CreateTrial(int studyId, FrozenTrial? template, bool heartbeat)
    {
        EnsureWritable();
        var state = template?.State ?? TrialState.Running;
        if (template is not null)
        {
            StorageRules.ValidateTemplate(template, Directions(studyId).Length);
        }

        long now = Now();
        long? start = state == TrialState.Waiting ? null : template?.DatetimeStart?.ToUnixTimeMilliseconds() ?? now;
        long? complete = state.IsFinished() ? template?.DatetimeComplete?.ToUnixTimeMilliseconds() ?? now : null;
        double[]? values = template?.Values?.ToArray();
        string? worker = heartbeat && state == TrialState.Running ? WorkerName : null;

        // Numbering, insertion, the template's parameters, intermediate values and attributes, and the worker's
        // name in one statement: the study's row is locked only while it runs.
        const string InsertSql = $"""
            WITH n AS (UPDATE astrolabe_studies SET next_number = next_number + 1 WHERE study_id = $1 RETURNING next_number - 1 AS number),
            mine AS (
                INSERT INTO astrolabe_trials(study_id, number, state, value0, vals, datetime_start, datetime_complete, heartbeat, create_request)
                SELECT $1, n.number, $2, $3::double precision, $5::double precision[], $6::bigint, $7::bigint, CASE WHEN $8 THEN {ServerMilliseconds} END, $9
                FROM n RETURNING trial_id, number),
            {WorkerAttrSql},
            p AS (
                INSERT INTO astrolabe_trial_params(trial_id, seq, name, value, distribution)
                SELECT mine.trial_id, d.seq - 1, d.name, d.value, d.distribution
                FROM mine, unnest($10::text[], $11::double precision[], $12::text[]) WITH ORDINALITY AS d(name, value, distribution, seq)),
            i AS (
                INSERT INTO astrolabe_trial_intermediate(trial_id, step, value)
                SELECT mine.trial_id, d.step, d.value FROM mine, unnest($13::bigint[], $14::double precision[]) AS d(step, value)),
            a AS (
                INSERT INTO astrolabe_trial_attrs(trial_id, kind, key, value)
                SELECT mine.trial_id, d.kind, d.key, d.value FROM mine, unnest($15::integer[], $16::text[], $17::text[]) AS d(kind, key, value))
            SELECT trial_id, number, TRUE FROM mine
            """;
        var details = Details(template, skipWorker: worker is not null);
        var request = Guid.NewGuid();
        object?[] args = [studyId, (int)state, values?[0], Json(worker), values, start, complete, worker is not null, request, .. details];
        var started = WithStudy(studyId, () => Once(c => Started(c, InsertSql, args), c => Find(c, studyId, request, worker is not null)));
        if (started is not { } inserted)
        {
            // The study's row is gone: it was deleted meanwhile.
            directions.TryRemove(studyId, out _);
            throw NotFound(studyId);
        }

        var (id, number, _) = inserted;
        trialStudies[id] = studyId;
        bool simple = template is null
            || (template.InternalParams.Count == 0 && template.IntermediateValues.Count == 0 && template.UserAttrs.Count == 0
                && template.SystemAttrs.Keys.All(k => worker is not null && k == SystemAttrKeys.Worker));
        if (!simple)
        {
            // A Waiting trial may have been claimed by another worker already: only a Running one is this storage's.
            var stored = GetTrial(id);
            return state == TrialState.Running ? Own(stored) : stored;
        }

        var trial = new FrozenTrial
        {
            TrialId = id,
            Number = number,
            State = state,
            Values = values,
            DatetimeStart = Time(start),
            DatetimeComplete = Time(complete),
            SystemAttrs = worker is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { [SystemAttrKeys.Worker] = worker },
        };
        if (state.IsFinished())
        {
            finished[id] = trial;
        }

        return Own(trial);
    }

    /// <inheritdoc />
    public FrozenTrial ClaimOrCreateTrial(int studyId) => ClaimOrCreateTrial(studyId, heartbeat: false);

    /// <inheritdoc />
    public FrozenTrial ClaimOrCreateTrialWithHeartbeat(int studyId) => ClaimOrCreateTrial(studyId, heartbeat: true);

    /// <summary>
    /// One statement: claims the oldest Waiting trial or, when none waits, numbers and inserts a Running one (with
    /// a heartbeat: also its first heartbeat and its worker's name).
    /// </summary>
    private FrozenTrial ClaimOrCreateTrial(int studyId, bool heartbeat)
    {
        EnsureWritable();
        Directions(studyId);
        const string Sql = $"""
            WITH claimed AS ({ClaimSql}),
            n AS (
                UPDATE astrolabe_studies SET next_number = next_number + 1
                WHERE study_id = $1 AND NOT EXISTS (SELECT 1 FROM claimed)
                RETURNING next_number - 1 AS number),
            created AS (
                INSERT INTO astrolabe_trials(study_id, number, state, datetime_start, heartbeat, create_request)
                SELECT $1, n.number, {SqlCodes.Running}, $2, CASE WHEN $3 THEN {ServerMilliseconds} END, $5 FROM n
                RETURNING trial_id, number),
            mine AS (SELECT trial_id FROM claimed UNION ALL SELECT trial_id FROM created),
            {WorkerAttrSql}
            SELECT trial_id, number, FALSE FROM claimed UNION ALL SELECT trial_id, number, TRUE FROM created
            """;
        long now = Now();
        string? worker = heartbeat ? WorkerName : null;
        var request = Guid.NewGuid();
        var started = WithStudy(studyId, () => Once(c => Started(c, Sql, studyId, now, heartbeat, Json(worker), request), c => Find(c, studyId, request, heartbeat)));
        var (id, number, created) = started ?? throw NotFound(studyId);
        trialStudies[id] = studyId;
        return Own(!created
            ? GetTrial(id)
            : new FrozenTrial
            {
                TrialId = id,
                Number = number,
                State = TrialState.Running,
                DatetimeStart = Time(now),
                SystemAttrs = worker is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { [SystemAttrKeys.Worker] = worker },
            });
    }

    /// <inheritdoc />
    public FrozenTrial? ClaimWaitingTrial(int studyId) => ClaimWaitingTrial(studyId, heartbeat: false);

    private FrozenTrial? ClaimWaitingTrial(int studyId, bool heartbeat)
    {
        EnsureWritable();
        const string Sql = $"""
            WITH mine AS ({ClaimSql}),
            {WorkerAttrSql}
            SELECT trial_id, number, FALSE FROM mine
            """;
        long now = Now();
        var request = Guid.NewGuid();
        var claimed = Once(c => Started(c, Sql, studyId, now, heartbeat, Json(heartbeat ? WorkerName : null), request), c => Find(c, studyId, request, heartbeat));
        return claimed is { } mine ? Own(GetTrial(mine.Id)) : null;
    }

    /// <inheritdoc />
    public void SetTrialParam(long trialId, string name, double internalValue, Distribution distribution)
    {
        EnsureWritable();
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!distribution.Contains(internalValue))
        {
            throw new ArgumentException($"The value {internalValue} of parameter '{name}' lies outside {distribution}.");
        }

        const string Sql = $"""
            INSERT INTO astrolabe_trial_params(trial_id, seq, name, value, distribution)
            SELECT t.trial_id, (SELECT COUNT(*) FROM astrolabe_trial_params p WHERE p.trial_id = t.trial_id), $2, $3, $4 FROM {UpdatableTrial}
            ON CONFLICT(trial_id, name) DO UPDATE SET value = excluded.value, distribution = excluded.distribution
            """;
        UpdateOrExplain(trialId, Sql, name, internalValue, DistributionJson.Serialize(distribution));
        UpdateOwned(trialId, t => WithParam(t, name, internalValue, distribution));
    }

    /// <inheritdoc />
    public bool SetTrialStateValues(long trialId, TrialState state, IReadOnlyList<double>? values = null)
    {
        EnsureWritable();
        if (!trialStudies.TryGetValue(trialId, out int studyId))
        {
            studyId = Run(c => Scalar(c, null, "SELECT study_id FROM astrolabe_trials WHERE trial_id = $1", trialId)) as int?
                ?? throw UnknownTrial(trialId);
            trialStudies[trialId] = studyId;
        }

        StorageRules.ValidateValues(state, values, Directions(studyId).Length);
        int[] from = Enum.GetValues<TrialState>().Where(s => StorageRules.CanMove(s, state)).Select(s => (int)s).ToArray();
        long now = Now();
        const string Sql = """
            UPDATE astrolabe_trials SET state = $2, value0 = COALESCE($3::double precision, value0), vals = COALESCE($4::double precision[], vals),
                datetime_start = COALESCE(datetime_start, $5), datetime_complete = $6::bigint
            WHERE trial_id = $1 AND state = ANY($7)
            """;
        double[]? stored = values?.ToArray();
        long? complete = state.IsFinished() ? now : null;

        // A trial being finished leaves the snapshots first: once the update commits, another thread of this
        // process (reading the best trial, say) must find it finished, and reads it from the database until
        // its finished snapshot is cached below.
        bool mine = state.IsFinished() ? owned.TryRemove(trialId, out var snapshot) : owned.TryGetValue(trialId, out snapshot);

        // The caller reads a finished trial next: this storage's own trial is finished from its snapshot,
        // any other is read back on the same connection; both are cached. When an attempt lost its answer,
        // the next finds the trial already moved: it was this write if the trial holds exactly what it wrote.
        int attempts = 0;
        int changed = Run(c =>
        {
            bool again = attempts++ > 0;
            int n = Execute(c, null, Sql, trialId, (int)state, stored?[0], stored, now, complete, from);
            FaultPoint?.Invoke("finish", c);
            if (n == 0 && again && HoldsWrite(c, trialId, state, stored, complete))
            {
                n = 1;
            }

            if (n == 1 && !mine && state.IsFinished())
            {
                LoadTrials(c, [trialId]);
            }

            return n;
        });
        if (changed == 0)
        {
            Disown(trialId);
            ReadState(trialId);
            return false;
        }

        if (mine)
        {
            var updated = snapshot! with
            {
                State = state,
                Values = stored ?? snapshot.Values,
                DatetimeStart = snapshot.DatetimeStart ?? Time(now),
                DatetimeComplete = Time(complete),
            };
            if (state.IsFinished())
            {
                finished[trialId] = updated;
            }
            else
            {
                owned[trialId] = updated;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public void SetTrialIntermediateValue(long trialId, long step, double value)
    {
        EnsureWritable();
        const string Sql = $"""
            INSERT INTO astrolabe_trial_intermediate(trial_id, step, value) SELECT t.trial_id, $2, $3 FROM {UpdatableTrial}
            ON CONFLICT(trial_id, step) DO UPDATE SET value = excluded.value
            """;
        UpdateOrExplain(trialId, Sql, step, value);
        // Shares the history with the snapshot before: a report is O(1), not a copy of every step so far.
        UpdateOwned(trialId, t => t.WithIntermediateValue(step, value));
    }

    /// <inheritdoc />
    private protected override void WriteTrialAttr(long trialId, int kind, string key, string json)
    {
        EnsureWritable();
        const string Sql = $"""
            INSERT INTO astrolabe_trial_attrs(trial_id, kind, key, value) SELECT t.trial_id, $2, $3, $4 FROM {UpdatableTrial}
            ON CONFLICT(trial_id, kind, key) DO UPDATE SET value = excluded.value
            """;
        UpdateOrExplain(trialId, Sql, kind, key, json);
        UpdateOwned(trialId, t => WithAttr(t, kind, key, JsonValues.Deserialize(json)));
    }

    /// <summary>Whether the trial is in the state, with the values and completion time, that a state change wrote.</summary>
    private static bool HoldsWrite(NpgsqlConnection c, long trialId, TrialState state, double[]? values, long? complete)
    {
        using var cmd = Command(c, null, "SELECT state, vals, datetime_complete FROM astrolabe_trials WHERE trial_id = $1", trialId);
        using var r = cmd.ExecuteReader();
        return r.Read()
            && (TrialState)r.GetInt32(0) == state
            && (r.IsDBNull(2) ? null : r.GetInt64(2)) == complete
            && (values is null || (!r.IsDBNull(1) && r.GetFieldValue<double[]>(1).SequenceEqual(values)));
    }

    /// <summary>Runs a conditional write on a trial ($1), which may be repeated; when it changed nothing, throws why (unknown or finished trial).</summary>
    private void UpdateOrExplain(long trialId, string sql, params object?[] args)
    {
        if (Run(c => Execute(c, null, sql, [trialId, .. args])) == 0)
        {
            Disown(trialId);
            var (state, number) = ReadState(trialId);
            StorageRules.EnsureUpdatable(trialId, number, state);
            throw new InvalidOperationException($"Trial {number} (id {trialId}) could not be updated.");
        }
    }

    private (TrialState State, int Number) ReadState(long trialId) => Run(c =>
    {
        using var cmd = Command(c, null, "SELECT state, number FROM astrolabe_trials WHERE trial_id = $1", trialId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ((TrialState)r.GetInt32(0), r.GetInt32(1)) : throw UnknownTrial(trialId);
    });

    private KeyNotFoundException UnknownTrial(long trialId) => new($"No trial with id {trialId} exists in the {Source}.");

    /// <summary>Runs a statement that starts a trial: its id, number and whether it created it (rather than claimed it); null when it started none.</summary>
    private static (long Id, int Number, bool Created)? Started(NpgsqlConnection c, string sql, params object?[] args)
    {
        using var cmd = Command(c, null, sql, args);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetInt32(1), r.GetBoolean(2)) : null;
    }

    /// <summary>Looks up the trial that a start with request token <paramref name="request"/> committed (see <see cref="FindRequestSql"/>).</summary>
    private static (bool Found, (long Id, int Number, bool Created)? Result) Find(NpgsqlConnection c, int studyId, Guid request, bool heartbeat)
    {
        var found = Started(c, FindRequestSql, studyId, request, heartbeat);
        return (found is not null, found);
    }

    /// <summary>An attribute's stored form (JSON text), or null for no attribute.</summary>
    private static string? Json(string? value) => value is null ? null : JsonValues.Serialize(value);

    /// <summary>
    /// The template's parameters (names, internal values, distributions), intermediate values (steps, values) and
    /// attributes (kinds, keys, JSON values) as the arrays $10 … $17 of the insertion; without the worker's name
    /// when the statement records it.
    /// </summary>
    private static object[] Details(FrozenTrial? template, bool skipWorker)
    {
        if (template is null)
        {
            return [Array.Empty<string>(), Array.Empty<double>(), Array.Empty<string>(), Array.Empty<long>(), Array.Empty<double>(), Array.Empty<int>(), Array.Empty<string>(), Array.Empty<string>()];
        }

        var attrs = template.UserAttrs.Select(a => (Kind: StoredAttrs.User, a.Key, a.Value))
            .Concat(template.SystemAttrs.Where(a => !(skipWorker && a.Key == SystemAttrKeys.Worker)).Select(a => (Kind: StoredAttrs.System, a.Key, a.Value)))
            .ToList();
        return
        [
            template.InternalParams.Keys.ToArray(),
            template.InternalParams.Values.ToArray(),
            template.InternalParams.Keys.Select(name => DistributionJson.Serialize(template.Distributions[name])).ToArray(),
            template.IntermediateValues.Keys.ToArray(),
            template.IntermediateValues.Values.ToArray(),
            attrs.Select(a => a.Kind).ToArray(),
            attrs.Select(a => a.Key).ToArray(),
            attrs.Select(a => JsonValues.Serialize(a.Value)).ToArray(),
        ];
    }
}
