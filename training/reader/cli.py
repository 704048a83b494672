"""`python -m training.reader ...`: the reader's retrain, one step at a time or all at once.

python -m training.reader all --out plugins/builtin/qa/model   # prepare, train, export, evaluate (dev)
python -m training.reader evaluate --split test --model plugins/builtin/qa/model/model.onnx  # once
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler

from training.reader.settings import CHECKPOINT_DIR, Hyperparameters, base_model_dir

app = typer.Typer(help="Train, export and score the extractive QA reader.", no_args_is_help=True)
console = Console()
log = logging.getLogger(__name__)
Checkpoints = Annotated[Path, typer.Option(help="training state, per-epoch models, the fp32 ONNX graph")]
Out = Annotated[Path, typer.Option(help="folder for model.onnx (int8) and tokenizer.json")]
SCORES_FILE = "scores.json"


@app.callback()
def setup(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(message)s",
        handlers=[RichHandler(console=console, show_path=False, log_time_format="%H:%M:%S")],
    )


@app.command()
def prepare() -> None:
    """Check the inputs and show how many training windows the train split gives."""
    from training.reader.train import prepare_windows

    hyper = Hyperparameters()
    windows = prepare_windows(base_model_dir(), hyper)
    empty = sum(window.start_position == 0 for window in windows)
    console.print(f"base model: {base_model_dir()}")
    console.print(
        f"train windows: {len(windows)} ({empty} without the whole answer), max {hyper.max_length} tokens"
    )


@app.command()
def train(checkpoints: Checkpoints = CHECKPOINT_DIR) -> None:
    """Fine-tune on the train split (resumes from the last checkpoint)."""
    from training.reader.train import train as run

    run(base_model_dir(), checkpoints, Hyperparameters())


@app.command()
def export(
    model: Annotated[Path, typer.Option(help="a trained model folder")],
    out: Out,
    checkpoints: Checkpoints = CHECKPOINT_DIR,
) -> None:
    """Export a trained model folder to int8 ONNX + tokenizer.json."""
    from training.reader.export import export as run

    run(model, base_model_dir(), out, checkpoints, Hyperparameters())


@app.command()
def evaluate(
    model: Annotated[Path, typer.Option(help="a trained model folder, or an .onnx file")],
    split: Annotated[str, typer.Option(help="dev; test only when asked, once, at the end")] = "dev",
    predictions: Annotated[Path | None, typer.Option(help="write {question id: answer} here")] = None,
) -> None:
    """Gold-paragraph EM/F1 on the dev split (or, explicitly, the test split)."""
    if split not in ("dev", "test"):
        raise typer.BadParameter("--split is dev or test (the train split is what the model learnt from)")
    from training.reader.evaluate import score

    hyper = Hyperparameters()
    result = score(_runner(model, hyper), base_model_dir(), split, hyper, predictions)  # type: ignore[arg-type]
    console.print_json(data=dataclasses.asdict(result))


@app.command()
def speed(model: Annotated[Path, typer.Option(help="the int8 .onnx file")]) -> None:
    """Median ms of one batch of 8 passages × 256 tokens over 10 runs."""
    from training.reader.speed import median_batch_ms

    console.print(f"{median_batch_ms(model, Hyperparameters().threads):.1f} ms per batch of 8 × 256 tokens")


@app.command(name="all")
def run_all(out: Out, checkpoints: Checkpoints = CHECKPOINT_DIR) -> None:
    """The whole retrain: prepare → train → export → evaluate dev (fp32 and int8 graphs) → speed."""
    from training.reader.evaluate import score
    from training.reader.export import MODEL_FILE
    from training.reader.export import export as export_model
    from training.reader.model_io import TOKENIZER_FILE
    from training.reader.speed import median_batch_ms
    from training.reader.train import train as run_training

    hyper, base = Hyperparameters(), base_model_dir()
    prepare()
    trained = run_training(base, checkpoints, hyper)
    fp32_graph, int8_graph = export_model(trained, base, out, checkpoints, hyper)
    dev = {
        name: score(_runner(graph, hyper), base, "dev", hyper)
        for name, graph in (("fp32", fp32_graph), ("int8", int8_graph))
    }
    report = {
        "hyperparameters": dataclasses.asdict(hyper),
        "dev": {name: dataclasses.asdict(result) for name, result in dev.items()},
        "int8_ms_8x256_median10": round(median_batch_ms(int8_graph, hyper.threads), 1),
        "sizes_bytes": {name: (out / name).stat().st_size for name in (MODEL_FILE, TOKENIZER_FILE)},
    }
    (out / SCORES_FILE).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    console.print_json(data=report)


def _runner(model: Path, hyper: Hyperparameters):  # type: ignore[no-untyped-def]
    from training.reader.inference import onnx_runner, torch_runner

    if model.suffix == ".onnx":
        return onnx_runner(model, hyper.threads)
    return torch_runner(model, hyper.threads)
