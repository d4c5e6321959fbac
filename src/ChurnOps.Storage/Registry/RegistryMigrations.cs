using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Registry;

/// <summary>The registry area's schema, one numbered step per change (PostgreSQL text beside each: <see cref="PostgresRegistryMigrations"/>).</summary>
internal static class RegistryMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new("registry", 1, """
            CREATE TABLE registered_models (
                name TEXT PRIMARY KEY,
                created_at TEXT NOT NULL);
            CREATE TABLE model_versions (
                model_name TEXT NOT NULL REFERENCES registered_models(name),
                version INTEGER NOT NULL,
                run_id TEXT NOT NULL,
                artifact_path TEXT NOT NULL,
                trainer TEXT NOT NULL,
                metrics TEXT NOT NULL,
                lineage TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                description TEXT,
                PRIMARY KEY (model_name, version));
            CREATE TABLE model_aliases (
                model_name TEXT NOT NULL REFERENCES registered_models(name),
                alias TEXT NOT NULL,
                version INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (model_name, alias),
                FOREIGN KEY (model_name, version) REFERENCES model_versions(model_name, version));
            """)
        {
            PostgreSql = PostgresRegistryMigrations.Version1,
        },

        // Approvals, stages, tags, and a high-water mark per name so a deleted version's number is never handed out
        // again. Versions registered before approvals existed start out pending: nobody signed them off.
        new("registry", 2, """
            ALTER TABLE registered_models ADD COLUMN description TEXT;
            ALTER TABLE registered_models ADD COLUMN owner_team TEXT;
            ALTER TABLE registered_models ADD COLUMN updated_at TEXT;
            ALTER TABLE model_versions ADD COLUMN status TEXT NOT NULL DEFAULT 'pending_approval';
            ALTER TABLE model_versions ADD COLUMN stage TEXT NOT NULL DEFAULT 'None';
            ALTER TABLE model_versions ADD COLUMN source TEXT;
            ALTER TABLE model_versions ADD COLUMN gates TEXT;
            ALTER TABLE model_versions ADD COLUMN run_link TEXT;
            ALTER TABLE model_versions ADD COLUMN updated_at TEXT;
            CREATE TABLE registered_model_tags (
                model_name TEXT NOT NULL REFERENCES registered_models(name),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (model_name, key));
            CREATE TABLE model_version_tags (
                model_name TEXT NOT NULL,
                version INTEGER NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (model_name, version, key),
                FOREIGN KEY (model_name, version) REFERENCES model_versions(model_name, version));
            CREATE TABLE model_approvals (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                model_name TEXT NOT NULL,
                version INTEGER NOT NULL,
                decision TEXT NOT NULL,
                team TEXT NOT NULL,
                actor TEXT NOT NULL,
                decided_at TEXT NOT NULL,
                note TEXT,
                evidence_metrics TEXT NOT NULL,
                evidence_verdict TEXT NOT NULL);
            CREATE INDEX model_approvals_by_version ON model_approvals (model_name, version);
            CREATE TABLE model_version_counters (
                model_name TEXT PRIMARY KEY,
                last_version INTEGER NOT NULL);
            INSERT INTO model_version_counters (model_name, last_version)
                SELECT model_name, MAX(version) FROM model_versions GROUP BY model_name;
            """)
        {
            PostgreSql = PostgresRegistryMigrations.Version2,
        },

        // The artifact's SHA-256 at registration. Older versions keep null: served as before, reported as not verified.
        new("registry", 3, "ALTER TABLE model_versions ADD COLUMN artifact_sha256 TEXT;") { PostgreSql = PostgresRegistryMigrations.Version3 },
    ];
}
