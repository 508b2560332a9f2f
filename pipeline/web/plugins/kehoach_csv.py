"""Datasette plugin: CSV downloads a spreadsheet never runs (issue 12, row 12).

Why: Datasette writes a table or a query as CSV as it is; a plan's title or a metric is text
from documents anyone can write, and a cell starting ``=``, ``+``, ``-`` or ``@`` opened in a
spreadsheet is a formula (``=HYPERLINK(...)``). This ASGI wrapper takes every CSV response
(a ``.csv`` path or ``_format=csv``) whole and writes each such cell with a leading apostrophe
(``pipeline.text.spreadsheet``), as ``kehoach compare --csv`` does.
"""
from __future__ import annotations

from urllib.parse import parse_qs

from datasette import hookimpl

from pipeline.text.spreadsheet import safe_csv


def _is_csv(scope) -> bool:
    if scope.get("path", "").endswith(".csv"):
        return True
    return "csv" in parse_qs(scope.get("query_string", b"").decode("latin-1")).get("_format", [])


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def csv_safe(scope, receive, send):
            if scope.get("type") != "http" or not _is_csv(scope):
                await app(scope, receive, send)
                return
            start: dict = {}
            chunks: list[bytes] = []

            async def capture(message):
                if message["type"] == "http.response.start":
                    start.update(message)
                    return
                if message["type"] != "http.response.body":
                    await send(message)
                    return
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                ctype = b"".join(v for k, v in headers if k.lower() == b"content-type")
                body = b"".join(chunks)
                if start.get("status") == 200 and (b"text/csv" in ctype or b"text/plain" in ctype):
                    body = safe_csv(body.decode("utf-8")).encode("utf-8")
                await send({**start, "headers": headers + [(b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})

            await app(scope, receive, capture)

        return csv_safe

    return wrap
