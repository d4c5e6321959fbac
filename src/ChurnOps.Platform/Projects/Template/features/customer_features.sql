-- Daily snapshots per customer. A row stamped event_timestamp = day D 00:00 holds only what was known before D:
-- events strictly before D and the customer record as last updated before D, so a training row joined to it
-- (event_timestamp <= label time) can never see its own future.
-- {{ from }} and {{ to }} bound the snapshots a windowed build computes (open = everything); snapshots start
-- 90 days earlier so the rolling windows are complete at the window's first day.
-- Portable SQL: it runs on the project's warehouse engine, DuckDB (embedded) or PostgreSQL (storage.warehouse).
WITH RECURSIVE bounds AS (
    SELECT
        GREATEST(CAST(date_trunc('day', MIN(event_ts)) AS TIMESTAMP) + INTERVAL '1 day', {{ from }} - INTERVAL '90 days') AS first_ts,
        LEAST(CAST(date_trunc('day', MAX(event_ts)) AS TIMESTAMP) + INTERVAL '1 day', {{ to }}) AS last_ts
    FROM staging.events
),
snapshots (snapshot_ts) AS (
    SELECT first_ts FROM bounds WHERE first_ts <= last_ts
    UNION ALL
    SELECT s.snapshot_ts + INTERVAL '1 day' FROM snapshots s, bounds b WHERE s.snapshot_ts + INTERVAL '1 day' <= b.last_ts
),
customer_versions AS (
    -- The first record of a customer stands for the time before it was loaded; later records apply from updated_at,
    -- each until the next one (valid_to NULL: still current).
    SELECT v.*, LEAD(v.valid_from) OVER (PARTITION BY v.customer_id ORDER BY v.valid_from) AS valid_to
    FROM (
        SELECT c.*,
            CASE WHEN row_number() OVER (PARTITION BY c.customer_id ORDER BY c.updated_at) = 1
                 THEN TIMESTAMP '1900-01-01' ELSE CAST(c.updated_at AS TIMESTAMP) END AS valid_from
        FROM staging.customers c
    ) v
),
grid AS (
    SELECT c.customer_id, c.signup_date, s.snapshot_ts
    FROM (SELECT customer_id, MIN(signup_date) AS signup_date FROM staging.customers GROUP BY customer_id) c
    JOIN snapshots s ON s.snapshot_ts > CAST(c.signup_date AS TIMESTAMP)
),
daily AS (
    SELECT
        customer_id,
        CAST(date_trunc('day', event_ts) AS TIMESTAMP) + INTERVAL '1 day' AS visible_at,
        COUNT(*) AS events,
        COUNT(*) FILTER (WHERE event_type = 'payment_failed') AS failed_payments,
        COUNT(*) FILTER (WHERE event_type = 'support_call') AS support_calls,
        MAX(event_ts) AS last_event_ts
    FROM staging.events
    GROUP BY 1, 2
),
activity AS (
    -- One grid row per day, so RANGE windows over snapshot_ts are rolling sums over whole days.
    SELECT
        g.customer_id,
        g.signup_date,
        g.snapshot_ts,
        SUM(COALESCE(d.events, 0)) OVER w30 AS events_last_30d,
        SUM(COALESCE(d.failed_payments, 0)) OVER w90 AS failed_payments_90d,
        SUM(COALESCE(d.support_calls, 0)) OVER w90 AS support_calls_90d,
        MAX(d.last_event_ts) OVER wall AS last_event_ts
    FROM grid g
    LEFT JOIN daily d ON d.customer_id = g.customer_id AND d.visible_at = g.snapshot_ts
    WINDOW
        w30 AS (PARTITION BY g.customer_id ORDER BY g.snapshot_ts RANGE BETWEEN INTERVAL '29 days' PRECEDING AND CURRENT ROW),
        w90 AS (PARTITION BY g.customer_id ORDER BY g.snapshot_ts RANGE BETWEEN INTERVAL '89 days' PRECEDING AND CURRENT ROW),
        wall AS (PARTITION BY g.customer_id ORDER BY g.snapshot_ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT
    a.customer_id,
    a.snapshot_ts AS event_timestamp,
    CAST(a.snapshot_ts AS DATE) - CAST(a.signup_date AS DATE) AS days_as_customer,
    a.events_last_30d / 30.0 AS events_per_day,
    a.events_last_30d,
    CAST(a.snapshot_ts AS DATE) - CAST(a.last_event_ts AS DATE) AS days_since_last_event,
    a.failed_payments_90d,
    a.support_calls_90d,
    c.monthly_charges,
    c.support_tickets,
    c.age,
    c.plan,
    c.contract_type,
    c.payment_method,
    c.region
FROM activity a
LEFT JOIN customer_versions c ON c.customer_id = a.customer_id AND a.snapshot_ts >= c.valid_from AND (c.valid_to IS NULL OR a.snapshot_ts < c.valid_to)
WHERE a.snapshot_ts >= {{ from }} AND a.snapshot_ts < {{ to }}
