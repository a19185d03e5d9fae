"""The generated parts of the site; importing this module registers their page generators."""

from . import staff_docs  # noqa: F401
from . import icalendar_feeds  # noqa: F401
from . import agenda  # noqa: F401
