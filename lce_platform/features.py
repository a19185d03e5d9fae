"""The generated parts of the site; importing this module registers their page generators."""

from . import staff_docs  # noqa: F401
from . import structured_data  # noqa: F401
from . import sharing  # noqa: F401
from . import sitemap  # noqa: F401
from . import feeds  # noqa: F401
from . import redirects  # noqa: F401
from . import library  # noqa: F401
from . import sector_pages  # noqa: F401
from . import icalendar_feeds  # noqa: F401
from . import agenda  # noqa: F401
