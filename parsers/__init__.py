"""PDF -> typed records. Knows PDFs and Japanese; knows nothing of Prefect or DuckDB."""

PARSER_VERSION = "0.1.0"
"""Bump when any parser's output changes: documents loaded by an older version are parsed again."""
