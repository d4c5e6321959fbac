-- One row per customer as of the snapshot time; only events before the snapshot count (no leakage).
WITH snapshot AS (
    SELECT MAX(event_ts) AS snapshot_ts FROM staging.events
),
activity AS (
    SELECT
        e.customer_id,
        COUNT(*) FILTER (WHERE e.event_ts > s.snapshot_ts - INTERVAL 30 DAY) AS events_last_30d,
        COUNT(*) FILTER (WHERE e.event_type = 'payment_failed' AND e.event_ts > s.snapshot_ts - INTERVAL 90 DAY) AS failed_payments_90d,
        COUNT(*) FILTER (WHERE e.event_type = 'support_call' AND e.event_ts > s.snapshot_ts - INTERVAL 90 DAY) AS support_calls_90d,
        MAX(e.event_ts) AS last_event_ts
    FROM staging.events e, snapshot s
    WHERE e.event_ts <= s.snapshot_ts
    GROUP BY e.customer_id
)
SELECT
    c.customer_id,
    s.snapshot_ts AS event_timestamp,
    date_diff('day', c.signup_date, CAST(s.snapshot_ts AS DATE)) AS days_as_customer,
    COALESCE(a.events_last_30d, 0) / 30.0 AS events_per_day,
    COALESCE(a.events_last_30d, 0) AS events_last_30d,
    date_diff('day', a.last_event_ts, s.snapshot_ts) AS days_since_last_event,
    COALESCE(a.failed_payments_90d, 0) AS failed_payments_90d,
    COALESCE(a.support_calls_90d, 0) AS support_calls_90d,
    c.monthly_charges,
    c.support_tickets,
    c.age,
    c.plan,
    c.contract_type,
    c.payment_method,
    c.region
FROM staging.customers c
CROSS JOIN snapshot s
LEFT JOIN activity a ON a.customer_id = c.customer_id
