"""Decoding: bytes, containers and formats in; windows of raw events out."""
