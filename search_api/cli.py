"""The `newsdesk` command: run Elasticsearch locally, ingest, serve, and inspect plugins."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from search_api.settings import get_settings

app = typer.Typer(
    help="Turn raw news articles into a searchable, question-answerable corpus.", no_args_is_help=True
)
es_app = typer.Typer(help="Run a local Elasticsearch node (for development and tests).", no_args_is_help=True)
app.add_typer(es_app, name="es")
console = Console()


@es_app.command("start")
def es_start() -> None:
    """Fetch (once) and start a single-node Elasticsearch on loopback; wait until it answers."""
    from search_api import es_node

    status = es_node.start(get_settings())
    console.print(f"[green]Elasticsearch {status.version} running at {status.url}[/green]")


@es_app.command("stop")
def es_stop() -> None:
    """Stop the local node started by `newsdesk es start`."""
    from search_api import es_node

    es_node.stop(get_settings())
    console.print("Elasticsearch stopped")


@es_app.command("status")
def es_status() -> None:
    """Say whether Elasticsearch answers at the configured URL."""
    from search_api import es_node

    status = es_node.status(get_settings())
    console.print(status.message)
    raise typer.Exit(0 if status.running else 1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help=".txt, .html, .jsonl files or directories of them.")],
) -> None:
    """Enrich articles with every installed processor and index them."""
    from search_api.readers import read_inputs
    from search_api.services import Services

    settings = get_settings()
    services = Services.start(settings)
    items = list(read_inputs(paths))
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("ingest", total=len(items), rate="")
        ingestor = services.ingestor()

        def advance(count: int) -> None:
            progress.advance(task, count)
            elapsed = progress.tasks[task].elapsed or 0
            done = progress.tasks[task].completed
            progress.update(task, rate=f"{done / elapsed:.1f} articles/s" if elapsed else "")

        report = ingestor.ingest(items, on_progress=advance)
    console.print(
        f"indexed [green]{len(report.created)}[/green] new, [cyan]{len(report.updated)}[/cyan] updated, "
        f"[red]{len(report.failed)}[/red] failed"
    )
    if report.failed:
        table = Table("input", "reason", title="Failed articles")
        for failure in report.failed:
            table.add_row(failure.origin, failure.reason)
        console.print(table)
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "search_api.app:create_app",
        factory=True,
        host=host or settings.api_host,
        port=port or settings.api_port,
    )


@app.command()
def plugins() -> None:
    """List installed plugins, their hooks, and the order the processors run in."""
    from plugins.manager import load_plugins
    from search_api.index_admin import core_fields

    settings = get_settings()
    host = load_plugins(settings, reserved_fields=core_fields(settings))
    table = Table("plugin", "package", "version", "hooks", title="Plugins")
    for info in host.plugins():
        table.add_row(info.name, info.package, info.version, ", ".join(info.hooks))
    console.print(table)
    order = Table("#", "processor", "plugin", "order", "component", title="Processor order")
    for position, spec in enumerate(host.processors, start=1):
        order.add_row(str(position), spec.name, spec.plugin, str(spec.order), type(spec.component).__name__)
    console.print(order)
    for name, reason in host.refused.items():
        console.print(f"[red]plugin {name!r} refused: {reason}[/red]")
    if settings.disabled_plugins:
        console.print(f"disabled by settings: {', '.join(settings.disabled_plugins)}")


if __name__ == "__main__":
    app()
