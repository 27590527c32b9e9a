"""How long an explorer page takes to become usable in real headless Chromium.

    python -m benchmarks.browser graph.html [more.html ...] [--repeat 3]

Chromium is driven over its DevTools protocol (``websocket-client``, in the ``bench``
extra): a fresh tab opens the page and the time is read from the page itself, the
``data-first-draw-ms`` that explorer.js stamps on ``#kg-status`` when vis-network
first draws (the page is usable from then on), measured from the start of navigation.
Not a test: nothing here is collected by pytest or asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """A headless Chromium with a DevTools port, closed on exit."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        self.proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={self.port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 20
        while True:
            try:
                self._http("/json/version")
                return
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)

    def _http(self, path: str, method: str = "GET") -> object:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body.startswith((b"{", b"[")) else body.decode()

    def first_draw(self, page: Path, timeout: float = 120) -> tuple[float, float, int]:
        """(ms to first draw as the page saw it, wall ms until we saw it, painted pixels)."""
        import websocket  # the bench extra

        target = self._http("/json/new?about:blank", method="PUT")
        ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=timeout)  # type: ignore[index]
        counter = iter(range(1, 1_000_000))

        def call(method: str, **params: object) -> dict:
            ident = next(counter)
            ws.send(json.dumps({"id": ident, "method": method, "params": params}))
            while True:
                msg = json.loads(ws.recv())
                if msg.get("id") == ident:
                    return msg.get("result", {})

        probe = (
            "(function(){var s=document.getElementById('kg-status');"
            "return s ? [s.getAttribute('data-first-draw-ms'), s.getAttribute('data-painted')]"
            " : [null, null];})()"
        )
        start = time.perf_counter()
        call("Page.navigate", url=page.resolve().as_uri())
        try:
            while time.perf_counter() - start < timeout:
                value = call("Runtime.evaluate", expression=probe, returnByValue=True)
                first, painted = value.get("result", {}).get("value") or [None, None]
                if first is not None and painted is not None:
                    wall = (time.perf_counter() - start) * 1000
                    return float(first), wall, int(painted)
                time.sleep(0.05)
            raise TimeoutError(f"{page}: not drawn within {timeout:.0f} s")
        finally:
            ws.close()
            self._http(f"/json/close/{target['id']}")  # type: ignore[index]

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)
        shutil.rmtree(self.profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    browser = Browser()
    try:
        for page in args.pages:
            runs = [browser.first_draw(page) for _ in range(args.repeat)]
            firsts = [r[0] for r in runs]
            walls = [r[1] for r in runs]
            size = page.stat().st_size / 1024**2
            print(
                f"{page.name}\t{size:.1f} MB\tfirst draw {statistics.median(firsts):.0f} ms "
                f"({min(firsts):.0f}–{max(firsts):.0f})\tseen after "
                f"{statistics.median(walls):.0f} ms\tpainted {runs[-1][2]} px",
                flush=True,
            )
    finally:
        browser.close()


if __name__ == "__main__":
    main()
