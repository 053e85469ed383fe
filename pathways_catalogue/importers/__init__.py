"""Readers that turn network folders and open data into records."""
