using ChurnOps.Training.Packaging;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnOps.Training.Scoring;

/// <summary>Creates PredictionEngines bound to the package's vector size and clears a slot's errors on return.</summary>
internal sealed class ScoringSlotPolicy : IPooledObjectPolicy<ScoringSlot>
{
    private readonly ModelPackage _package;

    // Built with the first PredictionEngine: a model scored by its compiled form never touches ML.NET's types.
    private readonly Lazy<SchemaDefinition> _input;

    public ScoringSlotPolicy(ModelPackage package)
    {
        _package = package;
        _input = new Lazy<SchemaDefinition>(() =>
        {
            var input = SchemaDefinition.Create(typeof(EncodedInput));
            input[nameof(EncodedInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, package.Encoder.Dimension);
            return input;
        });
    }

    public ScoringSlot Create() =>
        new(() => _package.Context.Model.CreatePredictionEngine<EncodedInput, ScoredOutput>(_package.Model, ignoreMissingColumns: true, inputSchemaDefinition: _input.Value), _package.Encoder.Dimension);

    public bool Return(ScoringSlot obj)
    {
        obj.Errors.Clear();
        return true;
    }
}
