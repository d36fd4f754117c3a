namespace Astrolabe.Optim;

/// <summary>Reading, deferring and evaluating the lazy updates, and applying them to the parameters.</summary>
public sealed partial class UpdateContext
{
    /// <summary>The updates of parameter <paramref name="i"/> as <c>A·X + B·P</c>, evaluating a pending deferred update first.</summary>
    public LinearInput Input(int i)
    {
        int k = map[i];
        if (sparse[k] is not null)
        {
            Densify(k);
        }

        if (deferred[k] is not null)
        {
            Materialize(i);
        }

        return new LinearInput(source[k], (float)a[k], (float)b[k], parameters[i].Value);
    }

    /// <summary>The updates of parameter <paramref name="i"/>, read-only (no copy when they are still the plain input).</summary>
    public ReadOnlySpan<float> Read(int i)
    {
        int k = map[i];
        if (sparse[k] is not null)
        {
            Densify(k);
        }

        return deferred[k] is null && a[k] == 1 && b[k] == 0 ? source[k] : Materialize(i);
    }

    /// <summary>
    /// Replaces the updates of parameter <paramref name="i"/> by a deferred computation; the caller has taken its
    /// input from <see cref="Input"/>.
    /// </summary>
    public void Defer(int i, DeferredUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        int k = map[i];
        deferred[k] = update;
        sparse[k] = null;
        a[k] = 1;
        b[k] = 0;
    }

    /// <summary>Evaluates the updates of parameter <paramref name="i"/> into a work buffer and returns it, writable.</summary>
    public Span<float> Materialize(int i)
    {
        int k = map[i];
        if (sparse[k] is not null)
        {
            Densify(k);
        }

        float[] p = parameters[i].Value;
        float[] w = work[k] ??= new float[p.Length];
        if (deferred[k] is { } d)
        {
            deferred[k] = null;
            d.Produce(w, 0f, (float)a[k]);
        }
        else if (!ReferenceEquals(source[k], w) || a[k] != 1)
        {
            Elementwise.ScaleInto(source[k], (float)a[k], w);
        }

        if (b[k] != 0)
        {
            Elementwise.AddScaled(p, (float)b[k], w);
        }

        source[k] = w;
        a[k] = 1;
        b[k] = 0;
        return w;
    }

    /// <summary>Adds the final updates to the parameter values: <c>P ← P + u</c>.</summary>
    internal void ApplyToParameters()
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            float[] p = parameters[i].Value;
            if (sparse[i] is not null)
            {
                if (b[i] == 0)
                {
                    ApplyRows(i);
                    continue;
                }

                Densify(i);
            }

            if (deferred[i] is { } d)
            {
                deferred[i] = null;
                d.Produce(p, (float)(1 + b[i]), (float)a[i]);
            }
            else
            {
                Elementwise.Axpby(source[i], (float)a[i], p, (float)(1 + b[i]));
            }
        }
    }
}
