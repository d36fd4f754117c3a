namespace Astrolabe;

/// <summary>Whether an objective is to be made small or large.</summary>
public enum StudyDirection
{
    /// <summary>Smaller is better.</summary>
    Minimize = 0,

    /// <summary>Larger is better.</summary>
    Maximize = 1,
}
