"""Search: the /zoeken/ page with facets and counts, and the Pagefind index of the built site."""
