from training.reader.cli import app

app(prog_name="python -m training.reader")
