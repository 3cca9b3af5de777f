"""`conflictui disputes` (placeholder until the disputes module lands)."""
import click


@click.command()
def disputes():
    """Diplomatic disputes (not built yet)."""
    raise click.ClickException("disputes is not built yet")
