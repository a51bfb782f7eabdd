"""zhiku (智库): China AI-industry news as clean, deduplicated, tagged, summarized, searchable records."""

import logging

from .record import Record

__version__ = "0.1.0"
__all__ = ["Record", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
