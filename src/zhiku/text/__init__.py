"""Text utilities shared by every stage: sentence splitting with offsets, script helpers."""
