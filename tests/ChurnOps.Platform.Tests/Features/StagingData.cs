namespace ChurnOps.Platform.Tests.Features;

/// <summary>Creates the staging tables the template's feature SQL reads, with a few hand-made customers.</summary>
internal static class StagingData
{
    public const string Tables = """
        CREATE TABLE staging.customers (customer_id VARCHAR, signup_date DATE, plan VARCHAR, contract_type VARCHAR, payment_method VARCHAR,
            region VARCHAR, age INTEGER, monthly_charges DOUBLE, support_tickets INTEGER, updated_at TIMESTAMP);
        CREATE TABLE staging.events (event_id VARCHAR, customer_id VARCHAR, event_type VARCHAR, event_ts TIMESTAMP);
        CREATE TABLE staging.labels (customer_id VARCHAR, event_timestamp TIMESTAMP, churned INTEGER);
        """;

    public const string Rows = """
        INSERT INTO staging.customers VALUES
            ('C1', DATE '2024-01-01', 'basic', 'monthly', 'card', 'north', 30, 20.0, 1, TIMESTAMP '2024-01-01 00:00:00'),
            ('C1', DATE '2024-01-01', 'premium', 'monthly', 'card', 'north', 30, 50.0, 1, TIMESTAMP '2024-03-10 12:00:00'),
            ('C2', DATE '2024-02-01', 'basic', 'yearly', 'paypal', 'south', 45, 25.0, 3, TIMESTAMP '2024-02-01 00:00:00'),
            ('C3', DATE '2024-02-15', 'pro', 'monthly', 'card', 'east', 52, 70.0, 0, TIMESTAMP '2024-02-15 00:00:00');
        INSERT INTO staging.events VALUES
            ('e1', 'C1', 'login', TIMESTAMP '2024-03-01 10:00:00'),
            ('e2', 'C1', 'login', TIMESTAMP '2024-03-05 10:00:00'),
            ('e3', 'C1', 'payment_failed', TIMESTAMP '2024-03-05 11:00:00'),
            ('e4', 'C2', 'support_call', TIMESTAMP '2024-03-02 09:00:00'),
            ('e5', 'C1', 'login', TIMESTAMP '2024-03-20 10:00:00'),
            ('e6', 'C2', 'login', TIMESTAMP '2024-03-31 23:59:59');
        INSERT INTO staging.labels VALUES
            ('C1', TIMESTAMP '2024-03-06 00:00:00', 0),
            ('C1', TIMESTAMP '2024-03-21 08:00:00', 1),
            ('C2', TIMESTAMP '2024-03-15 00:00:00', 0),
            ('C3', TIMESTAMP '2024-03-25 00:00:00', 1),
            ('C9', TIMESTAMP '2024-03-25 00:00:00', 0);
        """;
}
