"""What the commands do, as plain functions: build packages, make one letter, keep the log,
say what is due. ``cli/`` only parses and prints and the wizard only asks; everything a
command does happens in these modules, importable and testable without a terminal.
Each command imports only the module it needs (``next`` never loads the renderers).
"""
