"""The voter-list data engine: registry extracts, audit checks and duplicate detection
over millions of rows (polars / DuckDB), with no Django."""
