using System.Text.Json;
using System.Data.Common;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Events;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Ingestion;

/// <summary>
/// The ingest use case: files → raw.&lt;table&gt; → contract row rules → quarantine.&lt;table&gt; / staging.&lt;table&gt;, all in one
/// warehouse transaction; then the dataset version is recorded and <c>data.&lt;table&gt;.updated</c> is appended to the event log.
/// The same content twice is a no-op (the content hash is the load id).
/// </summary>
public sealed class IngestionService(
    ProjectLayout layout,
    IWarehouse warehouse,
    IWarehouseTransactions transactions,
    IRawFileScan scan,
    IDatasetVersionStore versions,
    IEventLog events,
    TimeProvider time)
{
    private readonly IDatasetVersionStore _versions = versions ?? throw new ArgumentNullException(nameof(versions));

    public async Task<IngestResult> IngestAsync(IngestRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = request.Table ?? string.Empty;
        if (!SqlIdentifier.IsPlain(table))
        {
            return IngestResult.Failed(table, $"'{table}' is not a valid table name (letters, digits and underscores)");
        }

        var contractPath = request.ContractPath ?? Path.Combine(layout.ContractsDir, table + ".yaml");
        var parsed = await ContractParser.ParseFileAsync(contractPath, ct).ConfigureAwait(false);
        if (parsed.Contract is not { } contract)
        {
            return IngestResult.Failed(table, $"contract {contractPath}: {parsed.FirstError}");
        }

        // A contract may be valid without tables or columns (ODCS makes both optional); ingest cannot load by it.
        if (contract.Schema.Count == 0)
        {
            return IngestResult.Failed(table, $"contract {contractPath} describes no tables (no schema{(contract.Standard == "dcs" ? "/models" : string.Empty)}): ingest needs a schema object for '{table}' with its properties");
        }

        var schema = contract.FindSchema(table) ?? (contract.Schema.Count == 1 ? contract.Schema[0] : null);
        if (schema is null)
        {
            return IngestResult.Failed(table, $"contract {contractPath} has no schema for table '{table}' (it has: {string.Join(", ", contract.Schema.Select(s => s.Name))})");
        }

        if (schema.Properties.Count == 0)
        {
            return IngestResult.Failed(table, $"contract {contractPath}: table '{schema.Name}' lists no properties (columns): ingest needs them to type and check each row");
        }

        if (NotLoadable(schema) is { } notLoadable)
        {
            return IngestResult.Failed(table, $"contract {contractPath}: {notLoadable}");
        }

        var unsupported = schema.Properties.FirstOrDefault(p => p.PhysicalType is not null && ContractTypes.CanonicalPhysicalType(p.PhysicalType) is null);
        if (unsupported is not null)
        {
            return IngestResult.Failed(table, $"contract {contractPath}: column '{unsupported.Name}' has physical type '{unsupported.PhysicalType}' that the warehouse cannot load");
        }

        var (files, fileError) = IngestionFiles.Resolve(request.Files ?? [], Directory.GetCurrentDirectory());
        if (fileError is not null)
        {
            return IngestResult.Failed(table, fileError);
        }

        // Where the warehouse reads local files in queries, each file is kept (hashed while copied) and raw.<table> is a
        // view over the copies; the version is the same hash of the same bytes either way.
        var store = scan.ReadsKeptFiles ? new RawFileStore(layout.RawFilesDir) : null;
        var kept = new List<KeptRawFile>(files.Count);
        string version;
        if (store is null)
        {
            version = await IngestionFiles.ContentHashAsync(files, ct).ConfigureAwait(false);
        }
        else
        {
            foreach (var file in files)
            {
                try
                {
                    kept.Add(await store.KeepAsync(file, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    RawFileStore.Forget(kept, store);
                    return IngestResult.Failed(table, $"{file}: could not keep a copy in {store.Directory}: {WarehouseLoad.FirstLine(ex.Message)}");
                }
                catch (OperationCanceledException)
                {
                    RawFileStore.Forget(kept, store);
                    throw;
                }
            }

            version = IngestionFiles.VersionOf(kept.Select(k => k.Sha256));
        }

        var loadedAt = time.GetUtcNow();
        LoadOutcome outcome;
        try
        {
            outcome = await LoadAsync(table, schema, ContractRowRules.VersionColumn(contract, schema), files, kept, store, version, loadedAt, ct).ConfigureAwait(false);
        }
        catch
        {
            if (store is not null)
            {
                RawFileStore.Forget(kept, store);
            }

            throw;
        }

        if (store is not null && (outcome.Error is not null || !outcome.KeepsFiles))
        {
            // Nothing committed refers to the copies this load added.
            RawFileStore.Forget(kept, store);
        }

        if (outcome.Error is not null)
        {
            return IngestResult.Failed(table, outcome.Error, outcome.Warnings) with { QuarantineSamples = outcome.Samples };
        }

        if (outcome.Unchanged)
        {
            var previous = await _versions.GetAsync(table, version, ct).ConfigureAwait(false);
            if (previous is not null)
            {
                return new IngestResult(true, null, table, version, previous.RowsRead, previous.RowsAccepted, previous.RowsQuarantined,
                    [$"the same content was already loaded as dataset version {version}; nothing was written"])
                { Unchanged = true, Files = files };
            }

            // The warehouse committed but the process died before the version was recorded: record it now from the warehouse.
            outcome = outcome with { Read = outcome.KeepsFiles ? await CountKeptRowsAsync(table, version, ct).ConfigureAwait(false) : await CountLoadAsync("raw", table, version, ct).ConfigureAwait(false), Quarantined = await CountLoadAsync("quarantine", table, version, ct).ConfigureAwait(false) };
        }

        var accepted = outcome.Read - outcome.Quarantined;
        var record = new DatasetVersion(table, version, contract.Id, contract.Version, files, outcome.Read, accepted, outcome.Quarantined, loadedAt);
        await _versions.AddAsync(record, ct).ConfigureAwait(false);
        var payload = JsonSerializer.Serialize(new
        {
            table,
            version,
            contract = contract.Id,
            contractVersion = contract.Version,
            rowsRead = outcome.Read,
            rowsAccepted = accepted,
            rowsQuarantined = outcome.Quarantined,
            files,
        });
        await events.AppendAsync($"data.{table}.updated", table, payload, ct).ConfigureAwait(false);

        var warnings = outcome.Warnings.ToList();
        if (outcome.Quarantined > 0)
        {
            warnings.Add($"{outcome.Quarantined} of {outcome.Read} rows quarantined in quarantine.{table}");
        }

        return new IngestResult(true, null, table, version, outcome.Read, accepted, outcome.Quarantined, warnings)
        {
            QuarantinedByRule = outcome.ByRule,
            QuarantineSamples = outcome.Samples,
            Files = files,
        };
    }

    private async Task<LoadOutcome> LoadAsync(string table, ContractSchema schema, ContractProperty? versionColumn, IReadOnlyList<string> files, IReadOnlyList<KeptRawFile> kept, RawFileStore? store, string version, DateTimeOffset loadedAt, CancellationToken ct)
    {
        // Timestamps with offsets are converted to UTC; wall-clock timestamps are taken as UTC.
        await using var transaction = await transactions.BeginAsync(["SET TimeZone = 'UTC'"], ct).ConfigureAwait(false);
        var load = new WarehouseLoad(transaction, scan, warehouse.Dialect, table, schema, versionColumn, store);
        try
        {
            var error = await load.PrepareTablesAsync(ct).ConfigureAwait(false);
            if (error is not null)
            {
                return LoadOutcome.Failed(error, load.Warnings);
            }

            if (await load.AlreadyLoadedAsync(version, ct).ConfigureAwait(false))
            {
                return new LoadOutcome(null, 0, 0, [], load.Warnings, Unchanged: true) { KeepsFiles = load.KeepsFiles };
            }

            for (var i = 0; i < files.Count; i++)
            {
                error = await load.LoadFileAsync(files[i], version, loadedAt, ct, load.KeepsFiles ? kept[i] : null).ConfigureAwait(false);
                if (error is not null)
                {
                    return LoadOutcome.Failed(error, load.Warnings);
                }
            }

            var (read, quarantined, byRule, samples) = await load.ValidateAndUpsertAsync(version, ct).ConfigureAwait(false);
            error = await load.CheckTableRulesAsync(read, quarantined, ct).ConfigureAwait(false);
            if (error is not null)
            {
                // Nothing is kept, so the rows that made the load fail are named here.
                return LoadOutcome.Failed(error, load.Warnings) with { Samples = samples };
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new LoadOutcome(null, read, quarantined, byRule, load.Warnings, Unchanged: false) { Samples = samples, KeepsFiles = load.KeepsFiles };
        }
        catch (DbException ex)
        {
            // Contract SQL the warehouse rejects (a regex it cannot compile…) or a conflicting concurrent load.
            return LoadOutcome.Failed($"warehouse refused the load of {table}: {WarehouseLoad.FirstLine(ex.Message)}", load.Warnings);
        }
    }

    private async Task<long> CountLoadAsync(string schemaName, string table, string version, CancellationToken ct)
    {
        var value = await warehouse.ScalarAsync(
            $"SELECT count(*) FROM {SqlIdentifier.Qualified(schemaName, table)} WHERE {IngestionTables.LoadId} = {SqlIdentifier.Literal(version)}", ct).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long> CountKeptRowsAsync(string table, string version, CancellationToken ct)
    {
        var value = await warehouse.ScalarAsync(
            $"SELECT coalesce(sum(rows), 0) FROM {IngestionTables.KeptFiles} WHERE table_name = {SqlIdentifier.Literal(table)} AND load_id = {SqlIdentifier.Literal(version)}", ct).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record LoadOutcome(string? Error, long Read, long Quarantined, Dictionary<string, long> ByRule, IReadOnlyList<string> Warnings, bool Unchanged)
    {
        public IReadOnlyList<QuarantinedRow> Samples { get; init; } = [];

        /// <summary>Whether the committed load refers to kept files (raw.&lt;table&gt; is their view).</summary>
        public bool KeepsFiles { get; init; }

        public static LoadOutcome Failed(string error, IReadOnlyList<string> warnings) => new(error, 0, 0, [], warnings, false);
    }

    /// <summary>What lint only warns about (the standards allow it) but a load cannot do: twin column names, a pattern that does not compile.</summary>
    private static string? NotLoadable(ContractSchema schema)
    {
        var twin = schema.Properties.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twin is not null)
        {
            return $"table '{schema.Name}' lists column '{twin.Key}' {twin.Count()} times";
        }

        foreach (var property in schema.Properties.Where(p => p.Pattern is not null))
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(property.Pattern!, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                return $"column '{property.Name}' has a pattern that is not a valid regular expression (run churnops contract lint for details)";
            }
        }

        return null;
    }
}
