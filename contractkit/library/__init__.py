"""The clause and letter library: data files, labels, templating, formatting."""
