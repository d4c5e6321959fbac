using ChurnOps.Platform.Audit;
using ChurnOps.Server.Mlflow;

namespace ChurnOps.Server.Audit;

/// <summary>Names the object of an MLflow request for its audit entry (run, experiment, model version…), read after the handler ran.</summary>
internal static class AuditedObject
{
    public static void Describe(MlflowRequest request)
    {
        if (AuditScope.Current is not { } scope || scope.ObjectId is not null)
        {
            return;
        }

        // The handler has validated the request already: a wrong-typed field here only adds to an error list nobody reads.
        var run = request.String("run_id") ?? request.String("run_uuid");
        var name = request.String("name");
        var version = request.String("version");
        scope.ObjectId = run
            ?? request.String("experiment_id")
            ?? request.String("model_id")
            ?? (name is not null && version is not null ? $"{name}/{version}" : name);
    }
}
