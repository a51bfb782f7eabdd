"""Collection: turn files, pages and feeds into raw records (exact bytes kept, sha256, fetched_at)."""
