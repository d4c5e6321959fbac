using Microsoft.ML;

namespace ChurnOps.Training.Scoring;

/// <summary>Picks the compiled form of a fitted model, when there is one.</summary>
internal static class CompiledScorers
{
    /// <summary>Null for a model shape no compiled scorer knows; the caller then scores through ML.NET.</summary>
    public static ICompiledScorer? TryCompile(ITransformer model) =>
        (ICompiledScorer?)CompiledTreeEnsemble.TryCompile(model) ?? CompiledLinearModel.TryCompile(model) ?? (ICompiledScorer?)CompiledBlend.TryCompile(model);

    /// <summary>The model's transformers in order, nested chains opened.</summary>
    public static IReadOnlyList<ITransformer> Flatten(ITransformer model)
    {
        var parts = new List<ITransformer>();
        Add(model);
        return parts;

        void Add(ITransformer transformer)
        {
            if (transformer is IEnumerable<ITransformer> chain)
            {
                foreach (var part in chain)
                {
                    Add(part);
                }
            }
            else
            {
                parts.Add(transformer);
            }
        }
    }

    /// <summary>A public property read by name, for generic model types whose closed type is only known at load.</summary>
    public static object? Property(object target, string name) =>
        target.GetType().GetProperties().Where(p => p.Name == name && p.GetIndexParameters().Length == 0)
            .Select(p => p.GetValue(target)).FirstOrDefault(v => v is not null);
}
