"""The `newsdesk` command: run Elasticsearch locally, ingest, serve, and inspect plugins."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsdesk.search_api.settings import get_settings

app = typer.Typer(
    help="Turn raw news articles into a searchable, question-answerable corpus.", no_args_is_help=True
)
es_app = typer.Typer(help="Run a local Elasticsearch node (for development and tests).", no_args_is_help=True)
app.add_typer(es_app, name="es")
indexes_app = typer.Typer(
    help="The article indexes behind the alias, kept ones included.", no_args_is_help=True
)
app.add_typer(indexes_app, name="indexes")
cluster_app = typer.Typer(
    help="Run a local three-node Elasticsearch cluster (fault drills and tests).", no_args_is_help=True
)
es_app.add_typer(cluster_app, name="cluster")
stories_app = typer.Typer(help="Stories: the articles telling one event.", no_args_is_help=True)
app.add_typer(stories_app, name="stories")
console = Console()


@es_app.command("start")
def es_start() -> None:
    """Fetch (once) and start a single-node Elasticsearch on loopback; wait until it answers."""
    from newsdesk.search_api.devtools import es_node

    status = es_node.start(get_settings())
    console.print(f"[green]Elasticsearch {status.version} running at {status.url}[/green]")


@es_app.command("stop")
def es_stop() -> None:
    """Stop the local node started by `newsdesk es start`."""
    from newsdesk.search_api.devtools import es_node

    es_node.stop(get_settings())
    console.print("Elasticsearch stopped")


@es_app.command("status")
def es_status() -> None:
    """Say whether Elasticsearch answers at the configured URL."""
    from newsdesk.search_api.devtools import es_node

    status = es_node.status(get_settings())
    console.print(status.message)
    raise typer.Exit(0 if status.running else 1)


@cluster_app.command("start")
def es_cluster_start() -> None:
    """Start three nodes on loopback (HTTP 9201-9203 by default); wait until they form a cluster."""
    from newsdesk.search_api.devtools import es_cluster

    hosts = ",".join(es_cluster.start(get_settings()))
    console.print(
        f"[green]cluster of {es_cluster.SIZE} nodes up[/green]; use it with NEWSDESK_ES_HOSTS={hosts}"
    )


@cluster_app.command("stop")
def es_cluster_stop() -> None:
    """Stop the nodes started by `newsdesk es cluster start`."""
    from newsdesk.search_api.devtools import es_cluster

    es_cluster.stop(get_settings())
    console.print("cluster stopped")


@cluster_app.command("status")
def es_cluster_status() -> None:
    """Each node of the local cluster, whether it answers, and which one is master."""
    from newsdesk.search_api.devtools import es_cluster

    settings = get_settings()
    master = es_cluster.elected_master(settings)
    answering = es_cluster.status(settings)
    for node, up in answering:
        role = " (elected master)" if master == node else ""
        console.print(f"{node.name} {node.url} pid {node.pid}: {'up' if up else 'down'}{role}")
    raise typer.Exit(0 if all(up for _, up in answering) else 1)


@app.command()
def backup(
    name: Annotated[
        str | None, typer.Option(help="Name of the snapshot (default: alias and UTC time).")
    ] = None,
) -> None:
    """Snapshot every index newsdesk owns (articles, kept rebuilds, entity registry) with the alias."""
    from newsdesk.search_api.index.backup import BackupError, create_backup
    from newsdesk.search_api.index.client import make_client

    settings = get_settings()
    try:
        done = create_backup(make_client(settings), settings, name)
    except BackupError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(1) from e
    console.print(
        f"[green]backup {done.name}[/green] of {', '.join(done.indices)} in {settings.snapshot_repository}"
    )


@app.command()
def backups() -> None:
    """The backups of this alias in the snapshot repository, oldest first."""
    from newsdesk.search_api.index.backup import BackupError, list_backups
    from newsdesk.search_api.index.client import make_client

    settings = get_settings()
    try:
        found = list_backups(make_client(settings), settings)
    except BackupError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(1) from e
    table = Table("backup", "state", "started (UTC)", "indexes", title=f"Backups of {settings.index_alias}")
    for item in found:
        table.add_row(item.name, item.state, item.started, ", ".join(item.indices))
    console.print(table)


@app.command()
def restore(
    name: Annotated[str, typer.Argument(help="A backup that `newsdesk backups` lists.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before replacing the indexes.")] = False,
) -> None:
    """Replace every index newsdesk owns by those of a backup; the alias comes back with them."""
    from newsdesk.search_api.index.backup import BackupError, restore_backup
    from newsdesk.search_api.index.client import make_client

    settings = get_settings()
    if not yes:
        typer.confirm(f"Replace every index of {settings.index_alias} by backup {name}?", abort=True)
    try:
        done = restore_backup(make_client(settings), settings, name)
    except BackupError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(1) from e
    console.print(f"[green]restored {done.name}[/green]: {', '.join(done.indices)}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help=".txt, .html, .jsonl files or directories of them.")],
    processes: Annotated[
        int | None,
        typer.Option(help="spaCy worker processes (default NEWSDESK_INGEST_PROCESSES; 0: one per core)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Enrich again articles stored already from the same input.")
    ] = False,
    count: Annotated[
        bool, typer.Option(help="Count the input first, for a progress total and an ETA.")
    ] = True,
) -> None:
    """Enrich articles with every installed processor and index them.

    The input is streamed: memory stays flat however large it is. Running it again is safe: ids
    are stable, and articles already stored from the same input by the same plugins are skipped.
    """
    from newsdesk.search_api.ingest.console import IngestProgress, print_summary, worker_count
    from newsdesk.search_api.ingest.ingestor import Ingestor
    from newsdesk.search_api.ingest.readers import count_inputs, read_inputs
    from newsdesk.search_api.services import Services

    settings = get_settings()
    services = Services.start(settings)
    total = count_inputs(paths) if count else None
    ingestor = Ingestor(
        settings,
        services.host,
        services.client,
        processes=worker_count(processes, settings, total),
        skip_unchanged=not force,
        max_wait=settings.ingest_max_wait_seconds,
    )
    with IngestProgress(console, "ingest").shown() as progress:
        progress.set_total(total)
        report = ingestor.ingest(read_inputs(paths), progress.advance, progress.waiting, keep=1000)
    print_summary(console, report, settings.dead_letter_path)
    if report.counts["failed"]:
        raise typer.Exit(1)


@app.command()
def reindex(
    processes: Annotated[
        int | None,
        typer.Option(help="spaCy worker processes (default NEWSDESK_INGEST_PROCESSES; 0: one per core)."),
    ] = None,
) -> None:
    """Enrich every stored article again into a new index, then switch the alias to it at once.

    Searches keep working throughout, on the old index until the new one is complete. The old
    index is kept: `newsdesk indexes list` shows it, `newsdesk indexes drop NAME` removes it.
    """
    from newsdesk.search_api.ingest.console import IngestProgress, print_summary, worker_count
    from newsdesk.search_api.ingest.reindex import ReindexError
    from newsdesk.search_api.ingest.reindex import reindex as rebuild
    from newsdesk.search_api.services import Services

    settings = get_settings()
    services = Services.start(settings)
    progress = IngestProgress(console, "reindex")
    try:
        with progress.shown():
            done = rebuild(
                settings,
                services.host,
                services.client,
                processes=worker_count(processes, settings, None),
                on_start=progress.set_total,
                on_progress=progress.advance,
                on_wait=progress.waiting,
            )
    except ReindexError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(1) from e
    print_summary(console, done.ingest, settings.dead_letter_path, verb="re-enriched")
    if not done.switched:
        console.print(
            f"[red]{settings.index_alias} still points at {done.old_index}[/red]: "
            f"{done.ingest.counts['failed']} could not be rebuilt; {done.new_index} is kept for a look"
        )
        raise typer.Exit(1)
    console.print(
        f"[green]{settings.index_alias} now points at {done.new_index}[/green] (switched in "
        f"{done.switch_seconds * 1000:.0f} ms; {done.caught_up} articles ingested meanwhile caught up); "
        f"{done.old_index} is kept until `newsdesk indexes drop {done.old_index}`"
    )


@indexes_app.command("list")
def indexes_list() -> None:
    """The article indexes of the alias: the live one and those kept by `newsdesk reindex`."""
    from newsdesk.search_api.index.client import make_client
    from newsdesk.search_api.ingest.reindex import list_indexes

    settings = get_settings()
    table = Table(
        "index", "articles", "size", "created (UTC)", "live", title=f"Indexes of {settings.index_alias}"
    )
    for info in list_indexes(make_client(settings), settings):
        size = f"{info.size_bytes / 1e6:,.1f} MB"
        table.add_row(info.name, f"{info.documents:,}", size, info.created, "yes" if info.live else "")
    console.print(table)


@indexes_app.command("drop")
def indexes_drop(
    name: Annotated[str, typer.Argument(help="An index that `newsdesk indexes list` shows.")],
) -> None:
    """Delete an article index kept by `newsdesk reindex` (never the live one)."""
    from newsdesk.search_api.index.client import make_client
    from newsdesk.search_api.ingest.reindex import ReindexError, drop_old_index

    settings = get_settings()
    try:
        drop_old_index(make_client(settings), settings, name)
    except ReindexError as e:
        console.print(f"[red]{e}[/red]")
        raise typer.Exit(1) from e
    console.print(f"dropped {name}")


@stories_app.command("rebuild")
def stories_rebuild() -> None:
    """Cluster every stored article into stories again, in publication order: stories merge and split.

    The articles' enrichment is kept; only their story (and why they are in it) changes.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from newsdesk.search_api.services import Services
    from newsdesk.search_api.stories.rebuild import count_articles, rebuild_stories

    settings = get_settings()
    services = Services.start(settings)
    total = count_articles(services.client, settings.index_alias)
    columns = (TextColumn("stories"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("rebuild", total=total)
        stories = rebuild_stories(
            services.client,
            settings.index_alias,
            services.host.story_signals,
            on_progress=lambda n: progress.advance(task, n),
        )
    console.print(f"[green]{total} articles in {stories} stories[/green]")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "newsdesk.search_api.app:create_app",
        factory=True,
        host=host or settings.api_host,
        port=port or settings.api_port,
    )


@app.command()
def mcp() -> None:
    """Serve newsdesk's tools to a desktop MCP client over stdio (the API serves them at /mcp)."""
    from newsdesk.search_api.mcp.stdio import serve_stdio

    serve_stdio(get_settings())


@app.command()
def plugins() -> None:
    """List installed plugins, their hooks, and the order the processors run in."""
    from newsdesk.plugins.manager import load_plugins
    from newsdesk.search_api.index.admin import core_fields

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
    if settings.disabled_plugins:
        console.print(f"disabled by settings: {', '.join(settings.disabled_plugins)}")
    if settings.load_plugins is not None:
        console.print(f"only these loaded (NEWSDESK_LOAD_PLUGINS): {', '.join(settings.load_plugins)}")
    for name, reason in host.refused.items():
        console.print(f"[red]plugin {name!r} refused: {reason}[/red]")
    if host.refused:
        raise typer.Exit(1)


def main() -> None:
    """The `newsdesk` command, with a plugin set that cannot start said in one line, not a traceback."""
    from newsdesk.plugins.chain.ordering import ProcessorOrderError
    from newsdesk.plugins.manager import PluginError
    from newsdesk.search_api.index.admin import IndexConfigError

    try:
        app()
    except (PluginError, ProcessorOrderError, IndexConfigError) as e:
        console.print(f"[red]newsdesk: {e}[/red]", soft_wrap=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
