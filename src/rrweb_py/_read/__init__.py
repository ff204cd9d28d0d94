"""The read side: views of one state (rrweb JSON, HTML, lxml queries, text, form values)."""
