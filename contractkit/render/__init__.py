"""Renderers: one module per output format, each consuming a neutral Document."""
