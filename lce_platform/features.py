"""The generated parts of the site; importing this module registers their page generators."""

from lce_platform.outputs import staff_docs  # noqa: F401
from lce_platform.outputs import structured_data  # noqa: F401
from lce_platform.outputs import sharing  # noqa: F401
from lce_platform.outputs import sitemap  # noqa: F401
from lce_platform.outputs import feeds  # noqa: F401
from lce_platform.outputs import redirects  # noqa: F401
from lce_platform.outputs import library  # noqa: F401
from lce_platform.outputs import sector_pages  # noqa: F401
from lce_platform.outputs import icalendar_feeds  # noqa: F401
from lce_platform.outputs import agenda  # noqa: F401
