"""``checker serve``: the checker as pages in the browser and an HTTP API, the model loaded once.

app.py (the service and its errors) · api.py (/api/v1) · pages.py (the pages) · worker.py (the pool
running the CLI's pipeline) · uploads.py (limits, generated names) · outputs.py (the CLI's renderers).
"""
