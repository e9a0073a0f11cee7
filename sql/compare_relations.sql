-- Every table and view of a warehouse with its columns, for comparing two warehouses
-- (bench/warehouse_compare.py).
SELECT t.table_name AS relation,
       CASE t.table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END AS kind,
       list(c.column_name ORDER BY c.ordinal_position) AS columns
FROM information_schema.tables t
JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
WHERE t.table_schema = 'main'
GROUP BY ALL
ORDER BY relation;
