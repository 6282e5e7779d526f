"""The `gyosei` command: ingest PDFs, query the warehouse, show its status, build the review site.

Exit status: 0 when every document loaded (or was unchanged), 1 when any failed or the warehouse
could not be used, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys

import duckdb

from pipelines.discover import UsageError
from pipelines.render import render
from pipelines.settings import quiet_run_logs, warehouse_path
from warehouse.connection import LOCK_WAIT_SECONDS, WarehouseError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gyosei", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest", help="ingest PDF files and folders (recursive), and the documents of a manifest, into the warehouse"
    )
    ingest.add_argument("paths", nargs="*", metavar="PATH")
    ingest.add_argument("--manifest", metavar="FILE", help="TOML list of documents (paths or http(s) URLs)")
    ingest.add_argument("--select", metavar="TEXT", help="only the documents whose key or location contains TEXT")
    ingest.add_argument("--force", action="store_true", help="parse and load again even when unchanged")
    ingest.add_argument(
        "--lock-wait",
        type=float,
        default=LOCK_WAIT_SECONDS,
        metavar="SECONDS",
        help=f"how long to wait for another run holding the warehouse (default {LOCK_WAIT_SECONDS:g})",
    )
    ingest.add_argument("--warehouse", metavar="FILE", help="DuckDB file (default warehouse/gyosei.duckdb)")

    sql = commands.add_parser("sql", help="run a read-only SQL query on the warehouse")
    sql.add_argument("query", metavar="SQL")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql.add_argument("--warehouse", metavar="FILE")

    status = commands.add_parser("status", help="documents by status, last runs, rejects and failed checks")
    status.add_argument("--warehouse", metavar="FILE")

    review = commands.add_parser("review", help="write the review site (every value on its page) and dashboard")
    review.add_argument("--out", metavar="DIR", help="site folder (default review/ beside the warehouse)")
    review.add_argument("--warehouse", metavar="FILE")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"ingest": _ingest, "sql": _sql, "status": _status, "review": _review}[args.command](args)
    except UsageError as err:
        print(f"gyosei: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except WarehouseError as err:
        print(f"gyosei: {err}", file=sys.stderr)
        return EXIT_FAILED


def _ingest(args) -> int:
    from pipelines.sources import gather_sources, select_sources

    select_sources(gather_sources(args.paths, args.manifest)[0], args.select)  # usage errors before Prefect starts
    from pipelines.flow import ingest_flow  # imports prefect: only when ingesting

    quiet_run_logs()
    summary = ingest_flow(
        paths=args.paths,
        manifest=args.manifest,
        warehouse=str(warehouse_path(args.warehouse)),
        select=args.select,
        force=args.force,
        lock_wait_seconds=args.lock_wait,
    )
    print("\n".join(summary.terminal_lines()))
    return EXIT_FAILED if summary.any_failed else EXIT_OK


def _sql(args) -> int:
    from warehouse.query import EmptyQuery, run_query

    try:
        columns, rows = run_query(warehouse_path(args.warehouse), args.query)
    except EmptyQuery as err:
        raise UsageError(str(err)) from err
    except duckdb.Error as err:
        print(f"gyosei: query failed: {err}", file=sys.stderr)
        return EXIT_FAILED
    print(render(columns, rows, args.format))
    return EXIT_OK


def _status(args) -> int:
    from warehouse.status import status_reports

    for name, columns, rows in status_reports(warehouse_path(args.warehouse)):
        print(f"== {name.replace('_', ' ')}")
        print(render(columns, rows, "table"))
        print()
    return EXIT_OK


def _review(args) -> int:
    from pipelines.review.site import build_site

    print(build_site(warehouse_path(args.warehouse), args.out).line())
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
