"""The checks of .ci/several-servers.sh against two running servers (A and B).

    python .ci/several_servers_check.py http://127.0.0.1:PORT_A http://127.0.0.1:PORT_B

Needs REDIS_PORT in the environment (to stop and start Redis) and the superuser
`redacteur` the script creates. Standard library only: it is a visitor and an editor.
"""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

PASSWORD = "several-servers-check"
HOST = "127.0.0.1"
PAGES = ("/", "/kennisbank/", "/instrumenten/?sector=vo", "/zoeken/?q=werkdruk", "/themas/")
failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'} {what}")
    if not ok:
        failures.append(what)


def get(url: str, opener=None) -> tuple[int, str, str]:
    """Status, X-Page-Cache and body of an anonymous (or the opener's) GET.

    Both servers get the same Host, as behind a load balancer (the page cache's key
    holds the host, and the port differs here)."""
    request = urllib.request.Request(url, headers={"Host": HOST})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=30) as response:
            body = response.read().decode()
            return response.status, response.headers.get("X-Page-Cache", "-"), body
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache", "-"), ""


def wait(*bases: str) -> None:
    deadline = time.monotonic() + 60
    for base in bases:
        while True:
            try:
                if get(base + "/robots.txt")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit(f"{base} did not answer within 60 s")
            time.sleep(0.3)


class FormFields(HTMLParser):
    """The fields a browser would submit from the admin's change form (`<model>_form`)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.in_form = self.done = False
        self.select = self.textarea = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and attrs.get("method", "").lower() == "post" and not self.in_form:
            self.in_form = attrs.get("id", "").endswith("_form")  # not the logout form
            return
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select, self.chosen, self.first = name, False, None
            self.multiple = "multiple" in attrs
        elif tag == "option" and self.select:
            if self.first is None:
                self.first = attrs.get("value", "")
            if "selected" in attrs:
                self.chosen = True
                self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            if not (self.chosen or self.multiple or self.first is None):
                self.fields.append((self.select, self.first))  # as a browser does
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def editor(base: str):
    """An opener logged in to the admin of `base`, like an editor's browser."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/admin/login/", timeout=30).read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    data = urllib.parse.urlencode(
        {
            "username": "redacteur",
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        }
    ).encode()
    request = urllib.request.Request(
        base + "/admin/login/", data, {"Referer": base + "/admin/login/"}
    )
    opener.open(request, timeout=30).read()
    return opener


def admin_save(base: str, opener, change_url: str, field: str, value: str) -> int:
    html = opener.open(base + change_url, timeout=30).read().decode()
    parser = FormFields()
    parser.feed(html)
    fields = [(name, value if name == field else old) for name, old in parser.fields]
    fields.append(("_save", "Opslaan"))
    request = urllib.request.Request(
        base + change_url, urllib.parse.urlencode(fields).encode(), {"Referer": base + change_url}
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    handlers = [h for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor)]
    try:
        with urllib.request.build_opener(*handlers, NoRedirect).open(
            request, timeout=30
        ) as response:
            body = response.read().decode()
            errors = re.findall(r"errors field-([\w-]+)", body) + re.findall(
                r"errornote[^>]*>([^<]*)", body
            )
            print("  admin answered", response.status, errors[:10])
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def post_feedback(base: str) -> int:
    """One "Was deze pagina nuttig?" answer, as a visitor's browser sends it."""
    data = urllib.parse.urlencode({"pagina": "/kennisbank/", "nuttig": "ja"}).encode()
    request = urllib.request.Request(
        base + "/feedback/",
        data,
        {"Host": HOST, "Origin": f"http://{HOST}", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def redis(*args: str) -> None:
    subprocess.run(
        ["redis-cli", "-p", os.environ["REDIS_PORT"], *args], check=False, capture_output=True
    )


def main(a: str, b: str) -> int:
    started = time.monotonic()
    wait(a, b)

    print("== the page cache is shared: what A rendered is a hit on B")
    for path in PAGES:
        get(a + path)
        status, cache, _ = get(b + path)
        check(status == 200 and cache == "hit", f"{path} rendered by A, on B: {status} {cache}")

    print("== an editor's save through A is served fresh by B at once")
    _, _, listing = get(b + "/kennisbank/")
    slug = re.search(r'href="/kennisbank/([a-z0-9-]+)/"', listing).group(1)
    url = f"/kennisbank/{slug}/"
    status, cache, _ = get(b + url)
    status, cache, _ = get(b + url)
    check(cache == "hit", f"{url} cached on B before the edit: {cache}")
    session = editor(a)
    _, _, found = get(f"{a}/admin/kennisbank/artikel/?q={slug}", session)
    change_url = re.search(r'href="(/admin/kennisbank/artikel/\d+/change/)', found).group(1)
    title = f"Bewerkt op server A {time.time():.0f}"
    check(
        admin_save(a, session, change_url, "titel", title) == 302, "admin save through A redirects"
    )
    status, cache, body = get(b + url)
    check(status == 200 and title in body, f"B serves the new title at once ({cache})")
    _, _, listing = get(b + "/kennisbank/")
    check(title in listing, "B's kennisbank list shows the new title")

    limit = int(os.environ["FEEDBACK_RATE_LIMIT"])
    print(f"== the rate limit counts across both servers: {limit} answers, alternately")
    statuses = [post_feedback(a if number % 2 else b) for number in range(limit + 2)]
    check(
        statuses[:limit] == [200] * limit and statuses[limit:] == [429, 429],
        f"answers {limit} accepted, then refused on either server: {statuses}",
    )

    print("== Redis stopped: pages still 200, uncached, never a 500")
    redis("shutdown", "nosave")
    time.sleep(0.5)
    for base in (a, b):
        for path in (*PAGES, url):
            status, cache, _ = get(base + path)
            check(status == 200 and cache == "miss", f"{base[-5:]}{path}: {status} {cache}")

    print("== Redis started again: caching comes back by itself (gunicorn not restarted)")
    subprocess.run(
        [
            "redis-server",
            "--port",
            os.environ["REDIS_PORT"],
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
        ],
        check=True,
        capture_output=True,
    )
    time.sleep(0.5)
    for path in PAGES:
        get(a + path)
        status, cache, _ = get(b + path)
        check(status == 200 and cache == "hit", f"{path} rendered by A, on B: {status} {cache}")

    print(f"== {len(failures)} failed, {time.monotonic() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
