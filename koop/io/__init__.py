"""Readers that turn input files into Articles (one module per kind of source)."""
