"""Extractive QA reader: MiniLM-L6 with a start/end span head, trained on SQuAD, shipped as int8 ONNX."""
