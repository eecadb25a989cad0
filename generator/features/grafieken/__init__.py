"""Charts: records per theme, domain, year, scheme and province, as static SVG bar charts."""
