"""Build the portal's one CSS bundle and one script from their parts (no Node needed).

static/css/src/*.css -> static/css/portal.css and static/js/src/*.js -> static/js/portal.js,
in file-name order (a numeric prefix sets the order: vendor and tokens first). The bundles
are committed, so `make run` serves them as they are; `make assets` rebuilds them and a test
fails when a bundle is older than its parts. `--check` only reports.
"""

import sys
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static"
BUNDLES = {
    STATIC / "css" / "portal.css": sorted((STATIC / "css" / "src").glob("*.css")),
    STATIC / "js" / "portal.js": sorted((STATIC / "js" / "src").glob("*.js")),
}
HEADER = "/* Built by `make assets` from {folder}/: edit the parts there, not this file. */\n"


def built(bundle: Path, parts: list[Path]) -> str:
    folder = parts[0].parent.relative_to(STATIC.parent) if parts else ""
    text = HEADER.format(folder=folder)
    for part in parts:
        text += f"\n/* --- {part.name} --- */\n" + part.read_text(encoding="utf-8")
    return text


def main(check: bool) -> int:
    stale = []
    for bundle, parts in BUNDLES.items():
        wanted = built(bundle, parts)
        if bundle.exists() and bundle.read_text(encoding="utf-8") == wanted:
            continue
        if check:
            stale.append(str(bundle.relative_to(STATIC.parent)))
        else:
            bundle.write_text(wanted, encoding="utf-8")
    if stale:
        print("Out of date (run `make assets`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
