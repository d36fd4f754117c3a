using System.Numerics.Tensors;
using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

/// <summary>
/// Multi-head scaled dot-product attention up to (not including) the output projection, as one fused operation with
/// its own backward: the packed input projection (<see cref="InProjection"/>), then for every batch entry b and head h
/// <c>P = softmax(Q_bh·K_bhᵀ/√d + mask)</c>, dropout on P, and <c>C_bh = P·V_bh</c>, written into the head's columns of
/// the context [B, L, E]. Heads are read in place from the projections (column slices with a row stride), so no
/// transposed copies are made; each (b, h) pair is a few small products on one thread, and pairs run in parallel.
/// </summary>
internal static class AttentionCore
{
    /// <summary>What the forward keeps for the backward.</summary>
    private sealed class Saved
    {
        public required InProjection[] Projections { get; init; }

        public required int B { get; init; }

        public required int L { get; init; }

        public required int S { get; init; }

        public required int E { get; init; }

        public required int Heads { get; init; }

        public required float Scale { get; init; }

        /// <summary>Softmax probabilities [B, H, L, S] before dropout.</summary>
        public required float[] Probs { get; init; }

        /// <summary>The dropout multipliers (0 or 1/(1−p)) [B, H, L, S], or null without dropout.</summary>
        public float[]? DropMask { get; init; }

        /// <summary>The probabilities after dropout (the ones multiplied by V); <see cref="Probs"/> without dropout.</summary>
        public required float[] Dropped { get; init; }

        /// <summary>The gradient of the head-averaged weights [B, L, S] when they were used, for one backward pass.</summary>
        public float[]? WeightsGrad { get; set; }

        public int HeadDim => E / Heads;

        public (float[] Data, int Offset, int Ld) Part(int part, bool gradient)
        {
            foreach (var p in Projections)
            {
                if (p.Holds(part, out int column))
                {
                    return (gradient ? p.Gradient : p.Output, column, p.Width);
                }
            }

            throw new InvalidOperationException("No projection holds this part.");
        }
    }

    /// <summary>
    /// The context [B, L, E] (heads concatenated, before the output projection) and, when asked, the attention weights
    /// averaged over heads [B, L, S] (after dropout, as PyTorch returns them; differentiable).
    /// </summary>
    /// <param name="query">[B, L, E].</param>
    /// <param name="key">[B, S, E].</param>
    /// <param name="value">[B, S, E].</param>
    /// <param name="inWeight">[3E, E].</param>
    /// <param name="inBias">[3E] or null.</param>
    /// <param name="heads">The number of heads (divides E).</param>
    /// <param name="keyPadding">[B·S] row-major, true = ignore that key; or null.</param>
    /// <param name="attnMask">[L, S] additive; or null.</param>
    /// <param name="dropout">The drop probability on the attention weights (0 outside training).</param>
    /// <param name="rng">The source of the dropout mask.</param>
    /// <param name="needWeights">Whether to return the averaged weights.</param>
    public static (Tensor Context, Tensor? Weights) Forward(
        Tensor query, Tensor key, Tensor value, Tensor inWeight, Tensor? inBias, int heads,
        bool[]? keyPadding, AttentionMask? attnMask, float dropout, Rng rng, bool needWeights)
    {
        int b = query.Dim(0), l = query.Dim(1), e = query.Dim(2), s = key.Dim(1);
        int d = e / heads;
        var projections = InProjection.Plan(query, key, value, e);
        foreach (var p in projections)
        {
            p.Forward(inWeight, inBias);
        }

        int pairs = b * heads, ls = l * s;
        var probs = TensorMemory.Output(pairs * ls);
        float[]? dropMask = null;
        var dropped = probs;
        if (dropout > 0)
        {
            dropMask = TensorMemory.Output(pairs * ls);
            rng.FillMask(dropMask, dropout, 1f / (1f - dropout));
            dropped = TensorMemory.Output(pairs * ls);
        }

        var saved = new Saved
        {
            Projections = projections, B = b, L = l, S = s, E = e, Heads = heads, Scale = (float)(1.0 / Math.Sqrt(d)),
            Probs = probs, DropMask = dropMask, Dropped = dropped,
        };
        var context = TensorMemory.Output(b * l * e);
        var mask = attnMask?.Values;
        ForPairs(saved, (pair, _) => ForwardPair(saved, pair, keyPadding, mask, context));

        var parents = new List<Tensor> { query };
        foreach (var t in (Tensor?[])[key, value, inWeight, inBias])
        {
            if (t is not null && !parents.Any(p => ReferenceEquals(p, t)))
            {
                parents.Add(t);
            }
        }

        var ctx = Tensor.FromOp(context, [b, l, e], o => Backward(saved, o.Grad!, inWeight, inBias), [.. parents]);
        long flops = 2L * pairs * ls * d * 2;
        ctx.CountFlops("attention", flops, () => 2 * flops);
        if (!needWeights)
        {
            return (ctx, null);
        }

        var weights = TensorMemory.OutputZeroed(b * ls);
        for (int pair = 0; pair < pairs; pair++)
        {
            TensorPrimitives.Add(weights.AsSpan((pair / heads) * ls, ls), dropped.AsSpan(pair * ls, ls), weights.AsSpan((pair / heads) * ls, ls));
        }

        TensorPrimitives.Divide(weights, heads, weights);
        var w = Tensor.FromOp(weights, [b, l, s], o =>
        {
            // The weights are a second output of this operation: their gradient waits for the context's backward,
            // which runs next (the weights are its only consumer here, or one of them) and reads it.
            var g = TensorMemory.Temporary(b * ls);
            o.Grad.AsSpan().CopyTo(g);
            saved.WeightsGrad = g;
            ctx.GradBuffer();
        }, ctx);
        return (ctx, w);
    }

    /// <summary>Runs <paramref name="body"/>(pair, part) over the B·H pairs, split across threads when the work is large enough.</summary>
    private static void ForPairs(Saved sv, Action<int, int> body)
    {
        int pairs = sv.B * sv.Heads;
        long work = (long)pairs * sv.L * sv.S * sv.HeadDim * 2;
        int parts = (int)Math.Clamp(work / (1 << 18), 1, Math.Min(Math.Min(KernelThreads.Max, Environment.ProcessorCount), pairs));
        KernelThreads.For(parts, t =>
        {
            for (int pair = pairs * t / parts; pair < pairs * (t + 1) / parts; pair++)
            {
                body(pair, t);
            }
        });
    }

    private static void ForwardPair(Saved sv, int pair, bool[]? keyPadding, float[]? mask, float[] context)
    {
        int l = sv.L, s = sv.S, e = sv.E, d = sv.HeadDim, ls = l * s;
        int b = pair / sv.Heads, h = pair % sv.Heads;
        var (q, qOff, qLd) = sv.Part(0, gradient: false);
        var (k, kOff, kLd) = sv.Part(1, gradient: false);
        var (v, vOff, vLd) = sv.Part(2, gradient: false);
        int p0 = pair * ls;
        Gemm.Multiply(false, true, l, s, d, q, qOff + (b * l * qLd) + (h * d), qLd, k, kOff + (b * s * kLd) + (h * d), kLd,
            sv.Probs, p0, s, accumulate: false, serial: true);
        for (int i = 0; i < l; i++)
        {
            var row = sv.Probs.AsSpan(p0 + (i * s), s);
            TensorPrimitives.Multiply(row, sv.Scale, row);
            if (mask is not null)
            {
                TensorPrimitives.Add(row, mask.AsSpan(i * s, s), row);
            }

            if (keyPadding is not null)
            {
                for (int j = 0; j < s; j++)
                {
                    if (keyPadding[(b * s) + j])
                    {
                        row[j] = float.NegativeInfinity;
                    }
                }
            }

            SoftmaxInPlace(row);
        }

        if (sv.DropMask is { } dm)
        {
            TensorPrimitives.Multiply(sv.Probs.AsSpan(p0, ls), dm.AsSpan(p0, ls), sv.Dropped.AsSpan(p0, ls));
        }

        Gemm.Multiply(false, false, l, d, s, sv.Dropped, p0, s, v, vOff + (b * s * vLd) + (h * d), vLd,
            context, (b * l * e) + (h * d), e, accumulate: false, serial: true);
    }

    /// <summary>
    /// Softmax of one row in place. A row whose entries are all −∞ (every key masked) comes out NaN, as in PyTorch
    /// 1.13: −∞ − (−∞) is NaN.
    /// </summary>
    private static void SoftmaxInPlace(Span<float> row)
    {
        float max = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, max, row);
        TensorPrimitives.Exp(row, row);
        float sum = TensorPrimitives.Sum<float>(row);
        TensorPrimitives.Multiply(row, 1f / sum, row);
    }

    private static void Backward(Saved sv, float[] gradContext, Tensor inWeight, Tensor? inBias)
    {
        foreach (var p in sv.Projections)
        {
            p.BeginBackward();
        }

        int threads = Math.Max(1, Math.Min(KernelThreads.Max, Environment.ProcessorCount));
        var scratch = new float[threads][];
        for (int t = 0; t < threads; t++)
        {
            scratch[t] = TensorMemory.Temporary(sv.L * sv.S);
        }

        ForPairs(sv, (pair, t) => BackwardPair(sv, pair, gradContext, scratch[t]));
        foreach (var a in scratch)
        {
            TensorMemory.Release(a);
        }

        if (sv.WeightsGrad is { } wg)
        {
            TensorMemory.Release(wg);
            sv.WeightsGrad = null;
        }

        foreach (var p in sv.Projections)
        {
            p.EndBackward(inWeight, inBias);
        }
    }

    private static void BackwardPair(Saved sv, int pair, float[] gc, float[] ds)
    {
        int l = sv.L, s = sv.S, e = sv.E, d = sv.HeadDim, ls = l * s;
        int b = pair / sv.Heads, h = pair % sv.Heads;
        var (q, qOff, qLd) = sv.Part(0, gradient: false);
        var (k, kOff, kLd) = sv.Part(1, gradient: false);
        var (v, vOff, vLd) = sv.Part(2, gradient: false);
        var (gq, gqOff, _) = sv.Part(0, gradient: true);
        var (gk, gkOff, _) = sv.Part(1, gradient: true);
        var (gv, gvOff, _) = sv.Part(2, gradient: true);
        int p0 = pair * ls, c0 = (b * l * e) + (h * d);
        qOff += (b * l * qLd) + (h * d);
        gqOff += (b * l * qLd) + (h * d);
        kOff += (b * s * kLd) + (h * d);
        gkOff += (b * s * kLd) + (h * d);
        vOff += (b * s * vLd) + (h * d);
        gvOff += (b * s * vLd) + (h * d);

        // dP' = dC·Vᵀ (+ the averaged weights' gradient / H), dV = P'ᵀ·dC, with P' the probabilities after dropout.
        Gemm.Multiply(false, true, l, s, d, gc, c0, e, v, vOff, vLd, ds, 0, s, accumulate: false, serial: true);
        if (sv.WeightsGrad is { } wg)
        {
            TensorPrimitives.MultiplyAdd(wg.AsSpan(b * ls, ls), 1f / sv.Heads, ds.AsSpan(0, ls), ds.AsSpan(0, ls));
        }

        Gemm.Multiply(true, false, s, d, l, sv.Dropped, p0, s, gc, c0, e, gv, gvOff, vLd, accumulate: false, serial: true);
        if (sv.DropMask is { } dm)
        {
            TensorPrimitives.Multiply(ds.AsSpan(0, ls), dm.AsSpan(p0, ls), ds.AsSpan(0, ls));
        }

        // Softmax backward and the score scale: dS = P ⊙ (dP − Σ dP⊙P) / √d.
        for (int i = 0; i < l; i++)
        {
            var pr = sv.Probs.AsSpan(p0 + (i * s), s);
            var dr = ds.AsSpan(i * s, s);
            float dot = TensorPrimitives.Dot<float>(pr, dr);
            TensorPrimitives.Subtract(dr, dot, dr);
            TensorPrimitives.Multiply(dr, pr, dr);
            TensorPrimitives.Multiply(dr, sv.Scale, dr);
        }

        // dQ = dS·K, dK = dSᵀ·Q.
        Gemm.Multiply(false, false, l, d, s, ds, 0, s, k, kOff, kLd, gq, gqOff, qLd, accumulate: false, serial: true);
        Gemm.Multiply(true, false, s, d, l, ds, 0, s, q, qOff, qLd, gk, gkOff, kLd, accumulate: false, serial: true);
    }
}
