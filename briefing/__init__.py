"""A static-site generator for cited briefings: every claim footnotes back to its seed passage."""

__version__ = "0.1.0"
