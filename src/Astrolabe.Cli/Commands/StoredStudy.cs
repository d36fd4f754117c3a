namespace Astrolabe.Cli.Commands;

/// <summary>A study as the commands that only read see it: its name, id and directions, and its trials read on demand.</summary>
internal sealed record StoredStudy(IStudyReader Reader, string Name, int Id, IReadOnlyList<StudyDirection> Directions)
{
    /// <summary>The study of this name; throws <see cref="StudyNotFoundException"/> when there is none.</summary>
    public static StoredStudy Load(IStudyReader reader, string name)
    {
        int id = reader.GetStudyId(name);
        return new StoredStudy(reader, name, id, reader.GetStudyDirections(id));
    }

    /// <summary>The trials in the given states (all when none are given), in number order.</summary>
    public IReadOnlyList<FrozenTrial> Trials(params IReadOnlyCollection<TrialState> states) =>
        Reader.GetAllTrials(Id, states.Count == 0 ? null : states);
}
