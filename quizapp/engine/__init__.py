"""The demo engine. torch is imported only when a demo runs (see runner.stream_demo)."""
