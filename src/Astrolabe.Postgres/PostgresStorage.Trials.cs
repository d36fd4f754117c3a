using System.Globalization;
using Npgsql;

namespace Astrolabe;

/// <content>Trial creation and updates.</content>
public sealed partial class PostgresStorage
{
    /// <summary>
    /// Moves the oldest Waiting trial of study $1 to Running (start $2, a first heartbeat when $3) and returns its id
    /// and number; SKIP LOCKED: concurrent claims take different trials.
    /// </summary>
    private const string ClaimSql = $"""
        UPDATE astrolabe_trials SET state = 0, datetime_start = $2, heartbeat = CASE WHEN $3 THEN {ServerMilliseconds} END
        WHERE trial_id = (SELECT trial_id FROM astrolabe_trials WHERE study_id = $1 AND state = 4 ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED)
          AND state = 4
        RETURNING trial_id, number
        """;

    /// <summary>
    /// Records the worker ($4, JSON text; nothing when null) of the trials a statement's CTE <c>mine</c> returns,
    /// in the same statement that created or claimed them.
    /// </summary>
    private const string WorkerAttrSql = $"""
        w AS (
            INSERT INTO astrolabe_trial_attrs(trial_id, kind, key, value) SELECT trial_id, 1, '{SystemAttrKeys.Worker}', $4::text FROM mine WHERE $4::text IS NOT NULL
            ON CONFLICT(trial_id, kind, key) DO UPDATE SET value = excluded.value)
        """;

    /// <summary>The <see cref="SystemAttrKeys.Worker"/> of the trials this process runs with heartbeats: machine and process id.</summary>
    private static readonly string WorkerName = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");

    /// <summary>Locks a trial that may still change (FOR SHARE: a concurrent finish waits, and vice versa).</summary>
    private const string UpdatableTrial = "(SELECT trial_id FROM astrolabe_trials WHERE trial_id = $1 AND state IN (0, 4) FOR SHARE) t";

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

        // Numbering, insertion and the worker's name in one statement: the study's row is locked only until the commit.
        const string InsertSql = $"""
            WITH n AS (UPDATE astrolabe_studies SET next_number = next_number + 1 WHERE study_id = $1 RETURNING next_number - 1 AS number),
            mine AS (
                INSERT INTO astrolabe_trials(study_id, number, state, value0, vals, datetime_start, datetime_complete, heartbeat)
                SELECT $1, n.number, $2, $3::double precision, $5::double precision[], $6::bigint, $7::bigint, CASE WHEN $8 THEN {ServerMilliseconds} END
                FROM n RETURNING trial_id, number),
            {WorkerAttrSql}
            SELECT trial_id, number, txid_current() FROM mine
            """;
        object?[] args = [studyId, (int)state, values?[0], Json(worker), values, start, complete, worker is not null];
        bool simple = template is null
            || (template.InternalParams.Count == 0 && template.IntermediateValues.Count == 0 && template.UserAttrs.Count == 0
                && template.SystemAttrs.Keys.All(k => worker is not null && k == SystemAttrKeys.Worker));
        var (id, number) = WithStudy(studyId, () => Write((c, tx) =>
        {
            var (created, createdNumber, xid) = Insert(c, tx, InsertSql, args);
            if (!simple)
            {
                InsertDetails(c, tx, created, template!, skipWorker: worker is not null);
            }

            return ((created, createdNumber), xid);
        }));
        trialStudies[id] = studyId;
        if (!simple)
        {
            return Own(GetTrial(id));
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
                INSERT INTO astrolabe_trials(study_id, number, state, datetime_start, heartbeat)
                SELECT $1, n.number, 0, $2, CASE WHEN $3 THEN {ServerMilliseconds} END FROM n
                RETURNING trial_id, number),
            mine AS (SELECT trial_id FROM claimed UNION ALL SELECT trial_id FROM created),
            {WorkerAttrSql}
            SELECT trial_id, number, TRUE, txid_current() FROM claimed UNION ALL SELECT trial_id, number, FALSE, txid_current() FROM created
            """;
        long now = Now();
        string? worker = heartbeat ? WorkerName : null;
        var (id, number, claimed) = WithStudy(studyId, () => Write((c, tx) =>
        {
            using var cmd = Command(c, tx, Sql, studyId, now, heartbeat, Json(worker));
            using var r = cmd.ExecuteReader();
            return r.Read() ? ((r.GetInt64(0), r.GetInt32(1), r.GetBoolean(2)), r.GetInt64(3)) : throw NotFound(studyId);
        }));
        trialStudies[id] = studyId;
        return Own(claimed
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
            SELECT trial_id, txid_current() FROM mine
            """;
        long now = Now();
        long? id = Write((c, tx) =>
        {
            using var cmd = Command(c, tx, Sql, studyId, now, heartbeat, Json(heartbeat ? WorkerName : null));
            using var r = cmd.ExecuteReader();
            return r.Read() ? ((long?)r.GetInt64(0), (long?)r.GetInt64(1)) : (null, null);
        });
        return id is { } claimed ? Own(GetTrial(claimed)) : null;
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
    public void SetTrialUserAttr(long trialId, string key, object? value) => SetTrialAttr(trialId, 0, key, value);

    /// <inheritdoc />
    public void SetTrialSystemAttr(long trialId, string key, object? value) => SetTrialAttr(trialId, 1, key, value);

    private void SetTrialAttr(long trialId, int kind, string key, object? value)
    {
        EnsureWritable();
        ArgumentException.ThrowIfNullOrEmpty(key);
        string json = JsonValues.Serialize(value);
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

    /// <summary>Inserts a trial: its id, number and the inserting transaction's id.</summary>
    private static (long Id, int Number, long Xid) Insert(NpgsqlConnection c, NpgsqlTransaction tx, string sql, object?[] args)
    {
        using var cmd = Command(c, tx, sql, args);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetInt32(1), r.GetInt64(2)) : throw new PostgresException("The study does not exist.", "ERROR", "ERROR", PostgresErrorCodes.ForeignKeyViolation);
    }

    /// <summary>An attribute's stored form (JSON text), or null for no attribute.</summary>
    private static string? Json(string? value) => value is null ? null : JsonValues.Serialize(value);

    private static void InsertDetails(NpgsqlConnection c, NpgsqlTransaction tx, long id, FrozenTrial template, bool skipWorker)
    {
        using var batch = new NpgsqlBatch(c, tx);
        int seq = 0;
        foreach (var (name, value) in template.InternalParams)
        {
            Add(batch, "INSERT INTO astrolabe_trial_params(trial_id, seq, name, value, distribution) VALUES($1, $2, $3, $4, $5)",
                id, seq++, name, value, DistributionJson.Serialize(template.Distributions[name]));
        }

        foreach (var (step, value) in template.IntermediateValues)
        {
            Add(batch, "INSERT INTO astrolabe_trial_intermediate(trial_id, step, value) VALUES($1, $2, $3)", id, step, value);
        }

        foreach (var (kind, attrs) in new[] { (0, template.UserAttrs), (1, template.SystemAttrs) })
        {
            foreach (var (key, value) in attrs)
            {
                if (kind == 1 && skipWorker && key == SystemAttrKeys.Worker)
                {
                    continue;
                }

                Add(batch, "INSERT INTO astrolabe_trial_attrs(trial_id, kind, key, value) VALUES($1, $2, $3, $4)", id, kind, key, JsonValues.Serialize(value));
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            batch.ExecuteNonQuery();
        }
    }

    private static void Add(NpgsqlBatch batch, string sql, params object?[] args)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var a in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
    }
}
