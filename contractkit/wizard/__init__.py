"""The interactive wizard behind ``contractkit new`` (one of the two modules using click)."""

from contractkit.wizard.flow import Options, WizardStopped, run_wizard

__all__ = ["Options", "WizardStopped", "run_wizard"]
