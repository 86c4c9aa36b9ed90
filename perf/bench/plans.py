"""EXPLAIN ANALYZE of the queries a page runs, boiled down to how each reads its tables."""

import json
import re
from dataclasses import dataclass

from django.db import connection

from perf.bench.report import table
from perf.bench.timing import allow_test_client, count_queries

EXPLAIN_PAGES = [
    "catalogus",
    "catalogus, 2 facetten",
    "catalogus, sort=nieuw",
    "kennisbank",
    "kennisbank, filters",
    "kennisbank, sort=naam",
    "kennisbank, ?q=werkdruk",
    "instrument",
    "themahub",
    "zoeken",
]
EXPLAIN_HEADERS = ["#", "query", "exec ms", "of which JIT", "top node", "how the tables are read"]


@dataclass
class PlanSummary:
    kind: str
    table: str
    top_node: str
    execution_ms: float
    planning_ms: float
    jit_ms: float
    rows: int
    scans: list[str]
    sql: str

    @property
    def uses_seq_scan(self) -> bool:
        return any(scan.startswith("Seq Scan") for scan in self.scans)


_FROM = re.compile(r'\bFROM\s+"?(\w+)"?', re.IGNORECASE)
# Small lookup tables: how they are read does not matter at any data size.
_LOOKUP_TABLES = re.compile(r"^(taxonomy_|instrumenten_instrumentsoort$|voion_portal_synoniem$)")


def classify(sql: str) -> str:
    upper = sql.lstrip("( ").upper()
    if "TS_HEADLINE" in upper:
        return "search results"
    if "UNION ALL" in upper:
        return "facet counts"
    if upper.startswith("SELECT COUNT(*)"):
        return "COUNT(*) (paginator)"
    if upper.startswith('SELECT 1 AS "A"') or upper.startswith("SELECT (1) AS"):
        return "exists"
    if " IN (" in upper and "LIMIT" not in upper:
        return "prefetch"
    if "LIMIT" in upper:
        return "results"
    return "other"


def is_select(sql: str) -> bool:
    return sql.lstrip("( ").upper().startswith(("SELECT", "WITH"))


def explain(sql: str) -> PlanSummary:
    """EXPLAIN (ANALYZE, BUFFERS) of one captured query, boiled down to how it reads data."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        document = cursor.fetchone()[0]
    if isinstance(document, str):
        document = json.loads(document)
    root = document[0]
    plan = root["Plan"]
    scans: dict[str, list[int]] = {}

    def walk(node):
        relation = node.get("Relation Name", "")
        if relation and not _LOOKUP_TABLES.match(relation):
            how = node["Node Type"]
            if node.get("Index Name"):
                how += f" using {node['Index Name']}"
            read = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
            scans.setdefault(f"{how} on {relation}", []).append(
                int(read * node.get("Actual Loops", 1))
            )
        for child in node.get("Plans", []):
            walk(child)

    walk(plan)
    described = []
    for how, rows in scans.items():
        times = f" x{len(rows)}" if len(rows) > 1 else ""
        described.append(f"{how}{times} ({sum(rows):,} rows)")
    top = plan["Node Type"]
    if plan.get("Strategy") and plan["Strategy"] != "Plain":
        top = f"{top} ({plan['Strategy']})"
    match = _FROM.search(sql)
    return PlanSummary(
        kind=classify(sql),
        table=match.group(1) if match else "",
        top_node=top,
        execution_ms=root["Execution Time"],
        planning_ms=root["Planning Time"],
        jit_ms=root.get("JIT", {}).get("Timing", {}).get("Total", 0.0),
        rows=int(plan.get("Actual Rows", 0)),
        scans=described,
        sql=sql,
    )


def explain_pages(pages: dict[str, str]) -> str:
    """One table per page of EXPLAIN_PAGES: the plan of every query that matters."""
    lines = []
    with allow_test_client():
        for name in EXPLAIN_PAGES:
            url = pages[name]
            _, _, _, captured = count_queries(url, cached=False)
            rows = []
            for index, sql in enumerate(captured, 1):
                if not is_select(sql):
                    continue
                plan = explain(sql)
                # Cheap bookkeeping queries would only hide the ones that read data.
                if plan.kind in {"prefetch", "other", "exists"} and plan.execution_ms < 1:
                    continue
                rows.append(
                    [
                        index,
                        plan.kind,
                        f"{plan.execution_ms:.1f}",
                        f"{plan.jit_ms:.0f}" if plan.jit_ms else "-",
                        plan.top_node,
                        "<br>".join(plan.scans) or "-",
                    ]
                )
            lines += [f"**{name}** `{url}`", "", table(EXPLAIN_HEADERS, rows, "rlrrll"), ""]
    return "\n".join(lines)
