"""Question-answering benchmarks: the seeds dev set, SQuAD v1.1 dev, and /qa latency under load."""
