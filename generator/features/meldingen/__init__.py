"""The page that lists every message of `check` (bijdragen/meldingen.md)."""
