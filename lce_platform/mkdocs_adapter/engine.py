"""The engine that runs the adapter: ProperDocs, the continuation of MkDocs 1.x by its former maintainers (same
configuration, plugin and hook API; MkDocs 1.6.1 has had no release since 2024 and its announced 2.0 drops both).

The adapter imports `properdocs.*` itself. Material's own modules import `mkdocs.*`, which ProperDocs answers from
its own modules once started as `properdocs` (properdocs/replacement.py). MkDocs is left out of the lock
(pyproject.toml), and a build that MkDocs started all the same stops at once, saying what to run (require_engine).
"""

from __future__ import annotations

import logging
from importlib import metadata

ENGINE = "properdocs"
"""The engine's distribution and top-level module."""

ENGINE_COMMAND = "properdocs build"


def engine_logger(name: str) -> logging.Logger:
    """A logger under the engine's: a strict build counts its warnings (loggers under `mkdocs.` are counted only
    when the engine's command line set logging up, not in a build started from Python)."""
    return logging.getLogger(f"{ENGINE}.{name}")


BUILD_LOGGER = f"{ENGINE}.commands.build"
"""The logger of the engine's build (the dirty-build notice comes from it: compat.py)."""


def engine_version() -> str:
    """The installed engine's name and version."""
    return f"ProperDocs {metadata.version(ENGINE)}"


class WrongEngine(SystemExit):
    """The build was started by another engine than the one the adapter is written for."""


def require_engine(config) -> None:
    """Stop a build that another engine started (MkDocs' own `mkdocs build`), before it writes anything."""
    started_by = type(config).__module__.split(".")[0]
    if started_by != ENGINE:
        raise WrongEngine(f"This site is built with ProperDocs ({engine_version()}), not {started_by}: "
                          f"run `make build` or `{ENGINE_COMMAND}`. The hooks call ProperDocs' own classes, "
                          f"which {started_by}'s build would not recognise.")
