namespace Astrolabe;

/// <summary>
/// Studies held in this process's memory: the fastest storage, lost when the process ends. Thread-safe
/// (one lock); snapshots of unchanged trials are cached, so reading all trials costs no copying of them.
/// </summary>
public sealed class InMemoryStorage : IStorage
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, StudyRecord> studies = [];
    private readonly Dictionary<string, int> studyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<long, TrialRecord> trials = [];
    private int nextStudyId;
    private long nextTrialId;

    /// <inheritdoc />
    public int CreateStudy(string studyName, IReadOnlyList<StudyDirection> directions)
    {
        StorageRules.ValidateStudyName(studyName);
        StorageRules.ValidateDirections(directions);
        lock (gate)
        {
            if (studyIds.ContainsKey(studyName))
            {
                throw new DuplicatedStudyException(studyName);
            }

            int id = nextStudyId++;
            studies[id] = new StudyRecord(studyName, [.. directions]);
            studyIds[studyName] = id;
            return id;
        }
    }

    /// <inheritdoc />
    public void DeleteStudy(int studyId)
    {
        lock (gate)
        {
            var s = StudyAt(studyId);
            foreach (var t in s.Trials)
            {
                trials.Remove(t.TrialId);
            }

            studies.Remove(studyId);
            studyIds.Remove(s.Name);
        }
    }

    /// <inheritdoc />
    public int GetStudyId(string studyName)
    {
        lock (gate)
        {
            return studyIds.TryGetValue(studyName, out int id) ? id : throw new StudyNotFoundException($"No study named '{studyName}' exists.");
        }
    }

    /// <inheritdoc />
    public string GetStudyName(int studyId)
    {
        lock (gate)
        {
            return StudyAt(studyId).Name;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StudyDirection> GetStudyDirections(int studyId)
    {
        lock (gate)
        {
            return StudyAt(studyId).Directions;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StudySummary> GetAllStudies()
    {
        lock (gate)
        {
            return studies.OrderBy(kv => kv.Key).Select(kv => Summarize(kv.Key, kv.Value)).ToList();
        }
    }

    /// <inheritdoc />
    public void SetStudyUserAttr(int studyId, string key, object? value) => SetStudyAttr(studyId, key, value, user: true);

    /// <inheritdoc />
    public void SetStudySystemAttr(int studyId, string key, object? value) => SetStudyAttr(studyId, key, value, user: false);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> GetStudyUserAttrs(int studyId)
    {
        lock (gate)
        {
            return new Dictionary<string, object?>(StudyAt(studyId).UserAttrs);
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> GetStudySystemAttrs(int studyId)
    {
        lock (gate)
        {
            return new Dictionary<string, object?>(StudyAt(studyId).SystemAttrs);
        }
    }

    /// <inheritdoc />
    public long NextCounterValue(int studyId, string key)
    {
        lock (gate)
        {
            var counters = StudyAt(studyId).Counters;
            counters.TryGetValue(key, out long value);
            counters[key] = value + 1;
            return value;
        }
    }

    /// <inheritdoc />
    public FrozenTrial CreateTrial(int studyId, FrozenTrial? template = null)
    {
        lock (gate)
        {
            var s = StudyAt(studyId);
            if (template is not null)
            {
                StorageRules.ValidateTemplate(template, s.Directions.Length);
            }

            var record = new TrialRecord(studyId, nextTrialId++, s.Trials.Count, s.Directions.Length);
            record.Initialize(template);
            s.Trials.Add(record);
            if (record.State == TrialState.Waiting)
            {
                s.Waiting++;
            }

            trials[record.TrialId] = record;
            return record.Snapshot();
        }
    }

    /// <inheritdoc />
    public FrozenTrial? ClaimWaitingTrial(int studyId)
    {
        lock (gate)
        {
            var s = StudyAt(studyId);
            if (s.Waiting == 0)
            {
                return null;
            }

            var waiting = s.Trials.First(t => t.State == TrialState.Waiting);
            waiting.Move(TrialState.Running, null);
            s.Waiting--;
            return waiting.Snapshot();
        }
    }

    /// <inheritdoc />
    public void SetTrialParam(long trialId, string name, double internalValue, Distribution distribution)
    {
        lock (gate)
        {
            TrialAt(trialId).SetParam(name, internalValue, distribution);
        }
    }

    /// <inheritdoc />
    public bool SetTrialStateValues(long trialId, TrialState state, IReadOnlyList<double>? values = null)
    {
        lock (gate)
        {
            var t = TrialAt(trialId);
            StorageRules.ValidateValues(state, values, t.DirectionCount);
            if (!StorageRules.CanMove(t.State, state))
            {
                return false;
            }

            if (t.State == TrialState.Waiting)
            {
                StudyOf(t).Waiting--;
            }

            t.Move(state, values);
            return true;
        }
    }

    /// <inheritdoc />
    public void SetTrialIntermediateValue(long trialId, long step, double value)
    {
        lock (gate)
        {
            TrialAt(trialId).SetIntermediate(step, value);
        }
    }

    /// <inheritdoc />
    public void SetTrialUserAttr(long trialId, string key, object? value)
    {
        lock (gate)
        {
            TrialAt(trialId).SetAttr(key, value, user: true);
        }
    }

    /// <inheritdoc />
    public void SetTrialSystemAttr(long trialId, string key, object? value)
    {
        lock (gate)
        {
            TrialAt(trialId).SetAttr(key, value, user: false);
        }
    }

    /// <inheritdoc />
    public FrozenTrial GetTrial(long trialId)
    {
        lock (gate)
        {
            return TrialAt(trialId).Snapshot();
        }
    }

    /// <summary>
    /// The study's trials from number <paramref name="start"/> on (none when there are fewer): what a sampler that
    /// has taken in the first ones reads, without copying the whole list every trial.
    /// </summary>
    internal IReadOnlyList<FrozenTrial> GetTrialsFrom(int studyId, int start)
    {
        lock (gate)
        {
            var list = StudyAt(studyId).Trials;
            var result = new List<FrozenTrial>(Math.Max(0, list.Count - start));
            for (int i = Math.Max(0, start); i < list.Count; i++)
            {
                result.Add(list[i].Snapshot());
            }

            return result;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetAllTrials(int studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        lock (gate)
        {
            var list = StudyAt(studyId).Trials;
            var result = new List<FrozenTrial>(list.Count);
            foreach (var t in list)
            {
                if (states is null || states.Contains(t.State))
                {
                    result.Add(t.Snapshot());
                }
            }

            return result;
        }
    }

    /// <inheritdoc />
    public int GetTrialCount(int studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        lock (gate)
        {
            var list = StudyAt(studyId).Trials;
            return states is null ? list.Count : list.Count(t => states.Contains(t.State));
        }
    }

    /// <inheritdoc />
    public FrozenTrial GetBestTrial(int studyId)
    {
        lock (gate)
        {
            var s = StudyAt(studyId);
            if (s.Directions.Length != 1)
            {
                throw new InvalidOperationException("The best trial is defined for single-objective studies; use the Pareto front (BestTrials).");
            }

            return Best(s)?.Snapshot() ?? throw new InvalidOperationException($"Study '{s.Name}' has no Complete trial yet.");
        }
    }

    private static TrialRecord? Best(StudyRecord s)
    {
        TrialRecord? best = null;
        foreach (var t in s.Trials)
        {
            if (t.State == TrialState.Complete && (best is null || StorageRules.IsBetter(t.Values![0], best.Values![0], s.Directions[0])))
            {
                best = t;
            }
        }

        return best;
    }

    private static StudySummary Summarize(int id, StudyRecord s) => new(
        id,
        s.Name,
        s.Directions,
        s.Trials.Count,
        s.Directions.Length == 1 ? Best(s)?.Values : null,
        s.Trials.Select(t => t.Start).Where(d => d is not null).Min());

    private void SetStudyAttr(int studyId, string key, object? value, bool user)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        JsonValues.Validate(value); // rejects values no persistent storage could keep
        lock (gate)
        {
            var s = StudyAt(studyId);
            (user ? s.UserAttrs : s.SystemAttrs)[key] = value;
        }
    }

    private StudyRecord StudyAt(int studyId) =>
        studies.TryGetValue(studyId, out var s) ? s : throw new StudyNotFoundException($"No study with id {studyId} exists.");

    private StudyRecord StudyOf(TrialRecord t) => studies[t.StudyId];

    private TrialRecord TrialAt(long trialId) =>
        trials.TryGetValue(trialId, out var t) ? t : throw new KeyNotFoundException($"No trial with id {trialId} exists.");

    private sealed class StudyRecord(string name, StudyDirection[] directions)
    {
        public string Name { get; } = name;

        public StudyDirection[] Directions { get; } = directions;

        public Dictionary<string, object?> UserAttrs { get; } = [];

        public Dictionary<string, object?> SystemAttrs { get; } = [];

        public Dictionary<string, long> Counters { get; } = [];

        public List<TrialRecord> Trials { get; } = [];

        /// <summary>How many trials are Waiting, so that asking costs nothing when none is.</summary>
        public int Waiting { get; set; }
    }
}
