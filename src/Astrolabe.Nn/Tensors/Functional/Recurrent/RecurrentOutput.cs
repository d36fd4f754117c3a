namespace Astrolabe.Nn;

/// <summary>
/// What a recurrent layer returns; all three tensors take part in autograd (back-propagating from any of them, or
/// from a loss built on several, reaches the input, the initial states and the weights).
/// </summary>
/// <param name="Output">
/// The last layer's hidden state at every step, [batch, time, directions·hidden] (forward direction first); zero at
/// steps past a sequence's length.
/// </param>
/// <param name="Hidden">
/// The final hidden state of every layer and direction, [layers·directions, batch, hidden] (index
/// layer·directions + direction): the state after each sequence's last valid step (for the reverse direction, after
/// step 0).
/// </param>
/// <param name="Cell">The LSTM's final cell state, laid out as <paramref name="Hidden"/>; null for the GRU.</param>
public sealed record RecurrentOutput(Tensor Output, Tensor Hidden, Tensor? Cell);
