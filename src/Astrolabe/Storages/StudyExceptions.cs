namespace Astrolabe;

/// <summary>Thrown when a study name is already taken in a storage.</summary>
public sealed class DuplicatedStudyException : Exception
{
    /// <summary>Creates the exception for a study name.</summary>
    public DuplicatedStudyException(string studyName)
        : base($"A study named '{studyName}' already exists; load it, or pass LoadIfExists = true.")
    {
        StudyName = studyName;
    }

    /// <summary>The name that was taken.</summary>
    public string StudyName { get; }
}

/// <summary>Thrown when no study of that name (or id) exists in a storage.</summary>
public sealed class StudyNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception with a message.</summary>
    public StudyNotFoundException(string message)
        : base(message)
    {
    }
}
