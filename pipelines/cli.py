"""The `gyosei` command: ingest PDFs, query the warehouse, show its status, build the review site.

Exit status: 0 when every document loaded (or was unchanged), 1 when any failed or the warehouse
could not be used, 2 for usage errors, 130 when a run was interrupted (Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import argparse
import gc
import signal
import sys

import duckdb

from pipelines.discover import UsageError
from pipelines.render import render
from pipelines.settings import DEFAULT_LIMITS, quiet_run_logs, warehouse_path
from warehouse.connection import LOCK_WAIT_SECONDS, WarehouseError
from warehouse.query import QueryUsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


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
    ingest.add_argument(
        "--time-limit",
        type=float,
        metavar="SECONDS",
        help=f"most time one document's parse may take (default {DEFAULT_LIMITS.seconds:g})",
    )
    ingest.add_argument(
        "--memory-limit",
        type=int,
        metavar="MB",
        help=f"most memory one document's parse may use (default {DEFAULT_LIMITS.memory_mb})",
    )
    ingest.add_argument(
        "--inflate-limit",
        type=int,
        metavar="MB",
        help=f"most one PDF stream may inflate to (default {DEFAULT_LIMITS.inflate_mb})",
    )
    ingest.add_argument(
        "--dask-address",
        metavar="tcp://HOST:PORT",
        help="parse on the workers of this Dask scheduler (default $GYOSEI_DASK_ADDRESS, else on this machine)",
    )

    sql = commands.add_parser("sql", help="run a read-only SQL query on the warehouse")
    sql.add_argument("query", metavar="SQL")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql.add_argument("--warehouse", metavar="FILE")

    diff = commands.add_parser(
        "diff", help="the facts added, removed and changed between a document's version and the one before"
    )
    diff.add_argument(
        "key", metavar="KEY", help="document key (manifest municipality/family/title, or path), or a unique part of it"
    )
    diff.add_argument(
        "--version", type=int, metavar="N", help="compare version N with the one before (default: the latest)"
    )
    diff.add_argument("--format", choices=["table", "csv", "json"], default="table")
    diff.add_argument("--warehouse", metavar="FILE")

    status = commands.add_parser("status", help="documents by status, last runs, rejects and failed checks")
    status.add_argument("--warehouse", metavar="FILE")

    review = commands.add_parser("review", help="write the review site (every value on its page) and dashboard")
    review.add_argument("--out", metavar="DIR", help="site folder (default review/ beside the warehouse)")
    review.add_argument("--warehouse", metavar="FILE")
    return parser


def command() -> None:
    """The `gyosei` command: `main`, then the process ends. What is left is freed with the process, so
    `gc.freeze()` spares the interpreter's collections at exit from walking it (1.1 s after an ingest of
    fuji_r8: 364k objects, walked several times). Not in `main`, which tests call in their own process."""
    status = main()
    gc.freeze()
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"ingest": _ingest, "sql": _sql, "diff": _diff, "status": _status, "review": _review}[args.command](args)
    except (UsageError, QueryUsageError) as err:
        print(f"gyosei: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except WarehouseError as err:
        print(f"gyosei: {err}", file=sys.stderr)
        return EXIT_FAILED


def _ingest(args) -> int:
    from pipelines.sources import gather_sources, select_sources

    select_sources(gather_sources(args.paths, args.manifest)[0], args.select)  # usage errors before Prefect starts
    if any(v is not None and v <= 0 for v in (args.time_limit, args.memory_limit, args.inflate_limit)):
        raise UsageError("--time-limit, --memory-limit and --inflate-limit must be positive")
    from pipelines.temporary_server import adopted_server, launch_server

    server = launch_server()  # boots while Prefect is imported below
    from pipelines.flow import ingest_flow, interruption, parse_task_runner  # imports prefect: only when ingesting

    quiet_run_logs()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        runner = parse_task_runner(args.dask_address)  # threads, unless a server or cluster is configured
        with adopted_server(server):  # stopped at exit, after Prefect has sent the run's last logs to it
            summary = ingest_flow.with_options(task_runner=runner)(
                paths=args.paths,
                manifest=args.manifest,
                warehouse=str(warehouse_path(args.warehouse)),
                select=args.select,
                force=args.force,
                lock_wait_seconds=args.lock_wait,
                limits={"seconds": args.time_limit, "memory_mb": args.memory_limit, "inflate_mb": args.inflate_limit},
            )
    except BaseException as err:
        if (stopped_by := interruption(err)) is None:
            raise
        print(
            f"gyosei: interrupted by {stopped_by}: the document being loaded was rolled back, those loaded "
            "before stay; run the same command again to finish",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    print("\n".join(summary.terminal_lines()))
    return EXIT_FAILED if summary.any_failed else EXIT_OK


def _stop_on_sigterm(signum, frame):
    """SIGTERM outside the flow (Prefect's engine has its own inside): stop like Ctrl-C."""
    raise KeyboardInterrupt("SIGTERM")


def _sql(args) -> int:
    from warehouse.query import run_query

    try:
        columns, rows = run_query(warehouse_path(args.warehouse), args.query)
    except duckdb.Error as err:
        print(f"gyosei: query failed: {err}", file=sys.stderr)
        return EXIT_FAILED
    print(render(columns, rows, args.format))
    return EXIT_OK


def _diff(args) -> int:
    from warehouse.changes import document_diff

    diff = document_diff(warehouse_path(args.warehouse), args.key, args.version)
    if args.format == "table":
        print(diff.headline())
    print(render(diff.columns, diff.rows, args.format))
    return EXIT_OK


def _status(args) -> int:
    from warehouse.status import status_reports

    for name, columns, rows in status_reports(warehouse_path(args.warehouse)):
        if name == "last_runs":
            columns, rows = _with_liveness(columns, rows)
        print(f"== {name.replace('_', ' ')}")
        print(render(columns, rows, "table"))
        print()
    return EXIT_OK


def _review(args) -> int:
    from pipelines.review.site import build_site

    print(build_site(warehouse_path(args.warehouse), args.out).line())
    return EXIT_OK


def _with_liveness(columns: list[str], rows: list[tuple]) -> tuple[list[str], list[tuple]]:
    """Runs marked running: say whether their process still runs; pid and host then go (they are in it)."""
    from pipelines.liveness import run_state

    shown = [c for c in columns if c not in ("pid", "host")]
    out = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        if values["status"] == "running":
            values["status"] = run_state(values["pid"], values["host"], values["started_at"])
        out.append(tuple(values[c] for c in shown))
    return shown, out


if __name__ == "__main__":
    command()
