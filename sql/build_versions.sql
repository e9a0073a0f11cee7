-- What built a warehouse file (sql/tables.sql: warehouse_build).
SELECT sql_version, parser_version FROM warehouse_build;
