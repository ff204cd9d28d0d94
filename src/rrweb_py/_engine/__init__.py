"""The engine: rrweb events folded into a DOM state (rebuild, apply, forms, sheets, CSS)."""
