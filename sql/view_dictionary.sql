-- The analyst views and their columns with their comments: the dictionary sheet of the
-- Excel export and the header notes of its sheets. One row per column, in view order.
SELECT v.view_name,
       v.comment AS view_comment,
       c.column_name,
       c.data_type,
       c.comment AS column_comment
FROM duckdb_views() v
JOIN duckdb_columns() c
  ON c.database_name = v.database_name AND c.schema_name = v.schema_name
 AND c.table_name = v.view_name
WHERE NOT v.internal AND NOT v.temporary
ORDER BY v.view_name, c.column_index;
