"""Open data: every practice as JSON and CSV, their JSON Schemas, a DCAT-AP-DONL description and an Atom feed.

All files are made from the catalogue alone (no clock, no environment), so two builds of the
same content give the same bytes, and the Zensical export carries them like every other page.
"""
