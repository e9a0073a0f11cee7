-- One relation's row count and a digest of its content that does not depend on row order:
-- the sum of one 64-bit hash per row (over every column but $excluded, in column order),
-- as HUGEINT so that it cannot overflow. Equal rows in another order give the same digest;
-- a changed value, a missing or an extra row give another.
SELECT count(*) AS row_count,
       coalesce(sum(hash(*COLUMNS(lambda c: NOT list_contains($excluded, c)))::HUGEINT), 0)
           AS digest
FROM query_table($relation);
