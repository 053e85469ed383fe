"""Enquiries handed over by the assistant to a human adviser."""
