"""Browser tests (a package, so this folder's conftest.py does not replace tests/conftest.py as `conftest`)."""
