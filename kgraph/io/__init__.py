"""Input and output: reading articles (files, folders, JSONL, HTML, stdin),
decoding their bytes, statement records, and writing files atomically."""
