"""The ingest room: published files in, typed warehouse rows out (see load.py for the flow)."""
