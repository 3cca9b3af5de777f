"""Exports (placeholder: the export issue replaces this module)."""
CSV_COLUMNS = ["id", "date", "event_type"]


def flatten_record(rec: dict) -> dict:
    return {k: rec.get(k) for k in CSV_COLUMNS}
