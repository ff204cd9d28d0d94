"""Replay: loading, checkpoints and the walk that gives a state at any moment."""
