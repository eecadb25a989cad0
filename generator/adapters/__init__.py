"""Engine adapters: the only code that may import a site engine (today: MkDocs)."""
