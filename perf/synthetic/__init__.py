"""Synthetic content at scale, for the benchmark: `manage.py seed_synthetic` drives it.

Built on the real content `load_content` loaded: the real taxonomy rows, and Dutch text
recombined from the real titles, summaries and bodies (never invented word by word), so
full-text search and the facets see a realistic vocabulary and spread.

- `vocabulary`: the text pieces and how they are recombined (titles, summaries, bodies);
- `spreads`: the seeded, skewed distributions over the taxonomy, sectors and dates;
- `writer`: fast inserts (COPY on PostgreSQL, with search vectors computed on the way in);
- `instruments`, `pilots`, `articles`, `jaarplannen`, `stappenplannen`: one content area each;
- `seeder`: the run as a whole, from topping up the totals to VACUUM ANALYZE.
"""
