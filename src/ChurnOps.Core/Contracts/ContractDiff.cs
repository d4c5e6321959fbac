using System.Globalization;

namespace ChurnOps.Core.Contracts;

/// <summary>
/// Classifies every change between two versions of a contract. Removing a table or column, changing a type or the key,
/// and tightening required/unique/pattern/range/length/valid values are breaking; loosening is a warning; additions of
/// optional columns, tables and documentation are info.
/// </summary>
public static class ContractDiff
{
    public static IReadOnlyList<ContractChange> Compare(DataContract before, DataContract after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<ContractChange>();
        foreach (var table in before.Schema)
        {
            var next = after.FindSchema(table.Name);
            if (next is null)
            {
                changes.Add(new(ContractChangeSeverity.Breaking, table.Name, "table removed"));
                continue;
            }

            CompareTable(table, next, changes);
        }

        foreach (var table in after.Schema.Where(t => before.FindSchema(t.Name) is null))
        {
            changes.Add(new(ContractChangeSeverity.Info, table.Name, "table added"));
        }

        CompareSla(before, after, changes);
        if (before.Status != after.Status)
        {
            changes.Add(new(ContractChangeSeverity.Info, "status", $"{before.Status} → {after.Status}"));
        }

        return changes;
    }

    public static bool HasBreaking(IReadOnlyList<ContractChange> changes) => changes.Any(c => c.Severity == ContractChangeSeverity.Breaking);

    /// <summary>The major part of a semantic version (0 when it does not parse).</summary>
    public static int Major(string version) =>
        int.TryParse((version ?? string.Empty).Split('.')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var major) ? major : 0;

    /// <summary>True when breaking changes are published without a new major version, so consumers must sign off.</summary>
    public static bool NeedsSignOff(DataContract before, DataContract after, IReadOnlyList<ContractChange> changes) =>
        HasBreaking(changes) && Major(after?.Version ?? "0") <= Major(before?.Version ?? "0");

    private static void CompareTable(ContractSchema before, ContractSchema after, List<ContractChange> changes)
    {
        var oldKey = string.Join(",", before.PrimaryKey.Select(p => p.Name.ToLowerInvariant()));
        var newKey = string.Join(",", after.PrimaryKey.Select(p => p.Name.ToLowerInvariant()));
        if (oldKey != newKey)
        {
            changes.Add(new(ContractChangeSeverity.Breaking, before.Name, $"primary key ({oldKey}) → ({newKey})"));
        }

        foreach (var column in before.Properties)
        {
            var path = before.Name + "." + column.Name;
            var next = after.FindProperty(column.Name);
            if (next is null)
            {
                changes.Add(new(ContractChangeSeverity.Breaking, path, "column removed"));
                continue;
            }

            CompareColumn(path, column, next, changes);
        }

        foreach (var column in after.Properties.Where(p => before.FindProperty(p.Name) is null))
        {
            changes.Add(column.Required
                ? new(ContractChangeSeverity.Breaking, after.Name + "." + column.Name, "required column added (existing producers do not send it)")
                : new(ContractChangeSeverity.Info, after.Name + "." + column.Name, "optional column added"));
        }
    }

    private static void CompareColumn(string path, ContractProperty before, ContractProperty after, List<ContractChange> changes)
    {
        void Add(ContractChangeSeverity severity, string message) => changes.Add(new(severity, path, message));

        var oldType = ContractTypes.WarehouseType(before);
        var newType = ContractTypes.WarehouseType(after);
        if (!string.Equals(before.LogicalType, after.LogicalType, StringComparison.OrdinalIgnoreCase) || oldType != newType)
        {
            Add(ContractChangeSeverity.Breaking, $"type {before.LogicalType}/{oldType} → {after.LogicalType}/{newType}");
        }

        Flag(before.Required, after.Required, "required", Add);
        Flag(before.Unique, after.Unique, "unique", Add);
        if (before.Pattern != after.Pattern)
        {
            Add(after.Pattern is null ? ContractChangeSeverity.Warning : ContractChangeSeverity.Breaking,
                after.Pattern is null ? "pattern removed" : $"pattern {before.Pattern ?? "(none)"} → {after.Pattern}");
        }

        Bound(before.Minimum, after.Minimum, "minimum", lower: true, Add);
        Bound(before.ExclusiveMinimum, after.ExclusiveMinimum, "exclusiveMinimum", lower: true, Add);
        Bound(before.Maximum, after.Maximum, "maximum", lower: false, Add);
        Bound(before.ExclusiveMaximum, after.ExclusiveMaximum, "exclusiveMaximum", lower: false, Add);
        Bound(before.MinLength, after.MinLength, "minLength", lower: true, Add);
        Bound(before.MaxLength, after.MaxLength, "maxLength", lower: false, Add);

        var oldValues = before.ValidValues?.ToHashSet(StringComparer.Ordinal);
        var newValues = after.ValidValues?.ToHashSet(StringComparer.Ordinal);
        if (oldValues is null && newValues is not null)
        {
            Add(ContractChangeSeverity.Breaking, $"valid values added: [{string.Join(", ", newValues)}]");
        }
        else if (oldValues is not null && newValues is null)
        {
            Add(ContractChangeSeverity.Warning, "valid values removed");
        }
        else if (oldValues is not null && newValues is not null)
        {
            var removed = oldValues.Except(newValues).ToList();
            var added = newValues.Except(oldValues).ToList();
            if (removed.Count > 0)
            {
                Add(ContractChangeSeverity.Breaking, $"valid values no longer allowed: [{string.Join(", ", removed)}]");
            }

            if (added.Count > 0)
            {
                Add(ContractChangeSeverity.Warning, $"valid values added: [{string.Join(", ", added)}]");
            }
        }

        if (before.Description != after.Description)
        {
            Add(ContractChangeSeverity.Info, "description changed");
        }
    }

    private static void Flag(bool before, bool after, string name, Action<ContractChangeSeverity, string> add)
    {
        if (before != after)
        {
            add(after ? ContractChangeSeverity.Breaking : ContractChangeSeverity.Warning, $"{name} {before.ToString().ToLowerInvariant()} → {after.ToString().ToLowerInvariant()}");
        }
    }

    /// <summary>A lower bound tightens when it rises (or appears); an upper bound tightens when it falls (or appears).</summary>
    private static void Bound(double? before, double? after, string name, bool lower, Action<ContractChangeSeverity, string> add)
    {
        if (before == after)
        {
            return;
        }

        string Text(double? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "(none)";
        var tightened = after is not null && (before is null || (lower ? after > before : after < before));
        add(tightened ? ContractChangeSeverity.Breaking : ContractChangeSeverity.Warning, $"{name} {Text(before)} → {Text(after)}");
    }

    private static void CompareSla(DataContract before, DataContract after, List<ContractChange> changes)
    {
        foreach (var sla in before.Sla)
        {
            var next = after.FindSla(sla.Property);
            if (next is null)
            {
                changes.Add(new(ContractChangeSeverity.Warning, "slaProperties." + sla.Property, "SLA removed"));
            }
            else if (next.Value != sla.Value || next.Unit != sla.Unit)
            {
                changes.Add(new(ContractChangeSeverity.Warning, "slaProperties." + sla.Property, $"{sla.Value} {sla.Unit} → {next.Value} {next.Unit}"));
            }
        }

        foreach (var sla in after.Sla.Where(s => before.FindSla(s.Property) is null))
        {
            changes.Add(new(ContractChangeSeverity.Info, "slaProperties." + sla.Property, "SLA added"));
        }
    }
}
