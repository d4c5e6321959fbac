namespace ChurnOps.Platform.Pipelines;

/// <summary>What the middle part of an event name refers to.</summary>
public enum TriggerEventNames
{
    /// <summary>A table with a contract in contracts/.</summary>
    Table,

    /// <summary>The project's model (model.name).</summary>
    Model,

    /// <summary>A contract id.</summary>
    Contract,
}
