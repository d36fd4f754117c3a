namespace Astrolabe.ModelSearch;

/// <summary>What a model-search objective can return for a trial besides its score, for studies of several objectives.</summary>
public enum ModelMeasure
{
    /// <summary>The validation score in the task's metric (accuracy for classification, RMSE for regression).</summary>
    Score,

    /// <summary>The bytes of the model's parameters (float32: four per parameter); minimised.</summary>
    Bytes,

    /// <summary>The median milliseconds of one prediction of one row on this machine (batch 1); minimised.</summary>
    Latency,
}
