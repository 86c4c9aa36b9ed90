"""Measuring the portal: query counts, latencies, query plans, load and memory.

The building blocks of `manage.py benchmark`; `run` is the run as a whole. Nothing
here changes the portal; everything reads or requests.

- `timing`: requests in process (query counts, single-request latency);
- `pages`: which pages and searches are measured, and measuring them;
- `plans`: EXPLAIN ANALYZE of the queries a page runs, boiled down to how it reads data;
- `gunicorn`, `wrk`, `load`: a real server under load, and its memory;
- `machine`: what the figures were measured on;
- `report`: the Markdown tables and the verdict per target.
"""
