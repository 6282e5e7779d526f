"""DuckDB and Parquet: create, load (idempotent, per document, transactional), export, query."""
