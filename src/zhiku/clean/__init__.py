"""Cleaning: raw scraped, OCR-d or reprinted text to a clean, auditable body (every change logged)."""
