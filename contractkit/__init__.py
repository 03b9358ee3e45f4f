"""contractkit: freelance contracts and ghosting-response letters from one job file."""

__version__ = "0.1.0"
