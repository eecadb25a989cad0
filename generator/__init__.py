"""Kennisbank generator: Markdown records with YAML front matter in, a static knowledge site out.

The core (load, models, register, vocabularies, validate, catalog, render) never imports
mkdocs; only `generator.engines` knows about a site engine.
"""
