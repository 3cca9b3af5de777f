"""The `conflictui` command: one module a command group (main, export, disputes)."""
from .main import main

__all__ = ["main"]
