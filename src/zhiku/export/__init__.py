"""Exports: JSON Lines, CSV and the seed card format."""
