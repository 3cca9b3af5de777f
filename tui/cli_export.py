"""`conflictui export` (placeholder until the export module lands)."""
import click


@click.command()
def export():
    """Export the selected events (not built yet)."""
    raise click.ClickException("export is not built yet")
