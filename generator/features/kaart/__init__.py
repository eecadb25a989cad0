"""The map: municipalities with records on a map of the Netherlands, as a static SVG, with a table beside it."""
