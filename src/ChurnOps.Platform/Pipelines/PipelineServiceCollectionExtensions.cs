using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines.Actions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnOps.Platform.Pipelines;

/// <summary>The pipelines feature: the step actions (one line each), catalog, runner, scheduler.</summary>
public static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddPipelines(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IPipelineStepAction, IngestStepAction>();
        services.AddSingleton<IPipelineStepAction, ContractTestStepAction>();
        services.AddSingleton<IPipelineStepAction, FeaturesBuildStepAction>();
        services.AddSingleton<IPipelineStepAction, FeaturesMaterializeStepAction>();
        services.AddSingleton<IPipelineStepAction, TrainStepAction>();
        services.AddSingleton<IPipelineStepAction, ScoreBatchStepAction>();
        services.AddSingleton<IPipelineStepAction, SlaCheckStepAction>();
        services.AddSingleton<IPipelineStepAction, MonitorStepAction>();
        services.AddSingleton<IPipelineStepAction, DeployStepAction>();
        services.TryAddSingleton<StepActionRegistry>();
        services.TryAddSingleton<PipelineCatalog>();
        services.TryAddSingleton<PipelineRunner>();
        services.TryAddSingleton<PipelineDispatcher>();
        services.TryAddSingleton<PipelineScheduler>();
        return services;
    }
}
