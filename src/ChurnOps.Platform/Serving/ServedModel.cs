using ChurnOps.Core.Registry;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Platform.Serving;

/// <summary>A model version loaded for scoring, with its pooled engine. Requests hold on to the instance they started with.</summary>
public sealed record ServedModel(ModelVersion Version, ScoringEngine Engine, DateTimeOffset LoadedAt);
