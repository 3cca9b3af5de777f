"""`python -m tui` runs the conflictui command."""
from tui.cli import main

main()
