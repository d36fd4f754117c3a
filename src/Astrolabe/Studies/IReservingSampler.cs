namespace Astrolabe;

/// <summary>
/// A sampler that reserves work for each new trial before it is created: a grid point, a sequence index, handed
/// out atomically through the storage so that no two workers share one. The study asks it before every new
/// trial (not before claiming an enqueued one); a sampler without this capability costs the study no call, and a
/// new trial is claimed or created in one storage call.
/// </summary>
public interface IReservingSampler
{
    /// <summary>
    /// Called before a new trial is created. Returning false says the sampler has nothing left to give
    /// (an exhausted grid) and the study stops asking; <paramref name="systemAttrs"/> are stored on the
    /// new trial, which lets a sampler reserve work atomically (a grid point, a sequence index).
    /// </summary>
    bool TryReserve(Study study, out IReadOnlyDictionary<string, object?>? systemAttrs);
}
