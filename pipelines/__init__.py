"""Prefect flows and tasks, the CLI, settings. The only package that imports prefect.

Importing this package sets Prefect's environment defaults (see settings) before prefect loads.
"""

from pipelines.settings import configure_environment

configure_environment()
