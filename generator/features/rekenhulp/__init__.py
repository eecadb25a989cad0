"""Rekenhulp: the exact subsidy calculator page, working offline (calculator.py, assets/, templates/)."""
