using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// The "tracking" area of the metadata database. Child tables key on the integer run_pk (not the 32-char run id) so
/// they stay narrow; WITHOUT ROWID tables cluster each run's params/tags/metrics together for the page loads of a search.
/// </summary>
public static class TrackingSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("tracking", 1, """
            CREATE TABLE tracking_experiments (
                experiment_id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                artifact_location TEXT NOT NULL,
                lifecycle_stage TEXT NOT NULL,
                creation_time INTEGER NOT NULL,
                last_update_time INTEGER NOT NULL);
            CREATE TABLE tracking_experiment_tags (
                experiment_id INTEGER NOT NULL REFERENCES tracking_experiments(experiment_id),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (experiment_id, key)) WITHOUT ROWID;
            CREATE TABLE tracking_runs (
                run_pk INTEGER PRIMARY KEY,
                run_id TEXT NOT NULL UNIQUE,
                experiment_id INTEGER NOT NULL REFERENCES tracking_experiments(experiment_id),
                run_name TEXT NOT NULL,
                user_id TEXT NOT NULL,
                status TEXT NOT NULL,
                start_time INTEGER NOT NULL,
                end_time INTEGER,
                artifact_uri TEXT NOT NULL,
                lifecycle_stage TEXT NOT NULL,
                deleted_time INTEGER);
            -- Serves the default search (one experiment, active runs, newest first) straight from the index, stopping at the page size.
            CREATE INDEX ix_tracking_runs_search ON tracking_runs (experiment_id, lifecycle_stage, start_time, run_pk);
            CREATE TABLE tracking_params (
                run_pk INTEGER NOT NULL REFERENCES tracking_runs(run_pk),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_pk, key)) WITHOUT ROWID;
            CREATE INDEX ix_tracking_params_key ON tracking_params (key, value);
            CREATE TABLE tracking_tags (
                run_pk INTEGER NOT NULL REFERENCES tracking_runs(run_pk),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_pk, key)) WITHOUT ROWID;
            CREATE INDEX ix_tracking_tags_key ON tracking_tags (key, value);
            -- Full history; identical points collapse like MLflow's metrics primary key.
            CREATE TABLE tracking_metrics (
                run_pk INTEGER NOT NULL REFERENCES tracking_runs(run_pk),
                key TEXT NOT NULL,
                step INTEGER NOT NULL,
                timestamp INTEGER NOT NULL,
                value REAL NOT NULL,
                is_nan INTEGER NOT NULL,
                PRIMARY KEY (run_pk, key, step, timestamp, value, is_nan)) WITHOUT ROWID;
            -- The value searches and run views read: highest step, then latest timestamp, then largest value.
            CREATE TABLE tracking_latest_metrics (
                run_pk INTEGER NOT NULL REFERENCES tracking_runs(run_pk),
                key TEXT NOT NULL,
                value REAL NOT NULL,
                timestamp INTEGER NOT NULL,
                step INTEGER NOT NULL,
                is_nan INTEGER NOT NULL,
                PRIMARY KEY (run_pk, key)) WITHOUT ROWID;
            CREATE INDEX ix_tracking_latest_metrics_key ON tracking_latest_metrics (key, value);
            CREATE TABLE tracking_inputs (
                run_pk INTEGER NOT NULL REFERENCES tracking_runs(run_pk),
                name TEXT NOT NULL,
                digest TEXT NOT NULL,
                source_type TEXT NOT NULL,
                source TEXT NOT NULL,
                schema TEXT,
                profile TEXT,
                tags TEXT NOT NULL,
                PRIMARY KEY (run_pk, name, digest)) WITHOUT ROWID;
            INSERT INTO tracking_experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
            """)
        {
            PostgreSql = TrackingPostgresSchema.Version1,
        },
        // Searches filter latest metrics on (key, is_nan = 0, value); with is_nan in the index they never touch the table rows.
        new("tracking", 2, """
            DROP INDEX ix_tracking_latest_metrics_key;
            CREATE INDEX ix_tracking_latest_metrics_search ON tracking_latest_metrics (key, is_nan, value);
            """),
        // datasets.name / datasets.digest filters read the matching inputs from here instead of scanning every input.
        new("tracking", 3, """
            CREATE INDEX ix_tracking_inputs_name ON tracking_inputs (name, digest);
            CREATE INDEX ix_tracking_inputs_digest ON tracking_inputs (digest);
            """),
        // MLflow 3 logged models; listed per experiment, newest first.
        new("tracking", 4, """
            CREATE TABLE tracking_logged_models (
                model_pk INTEGER PRIMARY KEY,
                model_id TEXT NOT NULL UNIQUE,
                experiment_id INTEGER NOT NULL REFERENCES tracking_experiments(experiment_id),
                name TEXT NOT NULL,
                creation_time INTEGER NOT NULL,
                last_update_time INTEGER NOT NULL,
                artifact_uri TEXT NOT NULL,
                status TEXT NOT NULL,
                model_type TEXT,
                source_run_id TEXT,
                status_message TEXT);
            CREATE INDEX ix_tracking_logged_models_search ON tracking_logged_models (experiment_id, creation_time, model_id);
            CREATE TABLE tracking_logged_model_tags (
                model_pk INTEGER NOT NULL REFERENCES tracking_logged_models(model_pk),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (model_pk, key)) WITHOUT ROWID;
            CREATE TABLE tracking_logged_model_params (
                model_pk INTEGER NOT NULL REFERENCES tracking_logged_models(model_pk),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (model_pk, key)) WITHOUT ROWID;
            """)
        {
            PostgreSql = TrackingPostgresSchema.Version4,
        },
    ];
}
