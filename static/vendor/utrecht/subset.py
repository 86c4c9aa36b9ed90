"""Keep only the Utrecht components the portal uses: `make vendor-css` runs this.

Reads the built `dist/index.css` of @utrecht/component-library-css and writes the rules
whose selectors name only the components in COMPONENTS (rules inside @media and other
block at-rules are filtered the same way; empty blocks are dropped). Licence comments are
kept once. Usage: python3 subset.py index.css > static/css/src/00-utrecht.css
"""

import re
import sys
from pathlib import Path

# The component class prefixes the portal's templates use (see README.md beside this file).
COMPONENTS = {
    "alert",
    "breadcrumb-nav",
    "button",
    "button-link",
    "checkbox",
    "form-field",
    "form-field-description",
    "form-field-error-message",
    "form-label",
    "link",
    "page-footer",
    "select",
    "skip-link",
    "status-badge",
    "textarea",
    "textbox",
}
CLASS = re.compile(r"\.utrecht-([a-z0-9-]+?)(?:__|--|(?=[^a-z0-9-])|$)")


def blocks(text):
    """Top-level (prelude, body) pairs; body None for statements such as @charset."""
    out, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        c = text[i]
        if text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        if c == "{":
            if depth == 0:
                start = i + 1
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append((text[: start - 1], text[start:i]))
                text, i = text[i + 1 :], -1
        elif c == ";" and depth == 0:
            out.append((text[: i + 1], None))
            text, i = text[i + 1 :], -1
        i += 1
    return out


def selector_list(prelude):
    """The selectors of a rule, split at top-level commas only (not inside `:is(a, b)`)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def wanted(selector):
    names = set(CLASS.findall(selector))
    return all(name in COMPONENTS for name in names) and (names or "utrecht" not in selector)


def subset(text):
    kept = []
    for head, body in blocks(text):
        head = re.sub(r"/\*.*?\*/", "", head, flags=re.S).strip()
        if body is None or head.startswith("@charset"):
            continue
        if head.startswith(("@media", "@supports", "@layer")):
            inner = subset(body)
            if inner:
                kept.append(f"{head} {{\n{inner}\n}}")
        elif head.startswith("@"):
            continue  # keyframes of components we leave out
        else:
            selectors = [s.strip() for s in selector_list(head) if wanted(s.strip())]
            if selectors:
                kept.append(",\n".join(selectors) + " {" + body + "}")
    return "\n".join(kept)


def main(path):
    source = Path(path).read_text(encoding="utf-8")
    print(
        "/**\n * @license EUPL-1.2\n * Copyright (c) 2020-2025 Gemeente Utrecht, Frameless B.V.\n"
        " * NL Design System: @utrecht/component-library-css, subset made by\n"
        " * static/vendor/utrecht/subset.py (see static/vendor/utrecht/README.md).\n */"
    )
    print(subset(source))


if __name__ == "__main__":
    main(sys.argv[1])
