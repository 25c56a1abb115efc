"""The Check page (/check) and its JSON (/check.json): did someone say a claimed quote?"""

from __future__ import annotations

import json
import sqlite3

from datasette.utils import sqlite_timelimit
from datasette.utils.asgi import NotFound, Response

from quotes import check, public

# A check runs a few small queries; one that takes longer is stopped, as search would be.
TIME_LIMIT_MS = 1000


def _claim_and_speaker(request) -> tuple[str, str | None]:
    claim = request.args.get("claim", "")
    speaker = (request.args.get("speaker") or "").strip() or None
    return claim, speaker


async def run_check(datasette, name: str | None, claim: str, speaker: str | None) -> dict:
    """The check of ``claim`` against the quotes index ``name``, in a database thread."""
    if name is None:
        raise NotFound("No quotes index here")

    def run(conn):
        with sqlite_timelimit(conn, TIME_LIMIT_MS):
            return check.check(conn, claim, speaker)

    try:
        return await datasette.get_database(name).execute_fn(run)
    except sqlite3.OperationalError as e:
        if "interrupted" not in str(e):
            raise
        raise check.CheckError(
            f"the check took longer than {TIME_LIMIT_MS} ms: try a shorter claim"
        ) from None


async def check_json(datasette, request, name: str | None):
    """/check.json: the check as the command's JSON, with "ok"; 400 and "error" for a bad claim."""
    claim, speaker = _claim_and_speaker(request)
    try:
        result = await run_check(datasette, name, claim, speaker)
    except check.CheckError as e:
        return Response.json({"ok": False, "error": str(e)}, status=400)
    return Response(
        json.dumps({"ok": True, **check.public(result)}, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )


async def check_page(datasette, request, name: str | None):
    """/check: the form, and the verdict with each match's differences and reports."""
    claim, speaker = _claim_and_speaker(request)
    result, error, status = None, None, 200
    if claim.strip():
        try:
            result = await run_check(datasette, name, claim, speaker)
        except check.CheckError as e:
            error, status = f"The claim cannot be checked: {e}.", 400
    if result:
        for m in result["matches"]:
            # Only a web address becomes a link: javascript: and the like stay text.
            for report in m["reports"]:
                report["link"] = report["url"] if public.is_web_url(report["url"]) else None
    html = await datasette.render_template(
        "check.html",
        {
            "claim": claim,
            "speaker": speaker or "",
            "result": result,
            "error": error,
            "database": name,
            "max_chars": check.MAX_CLAIM_CHARS,
        },
        request=request,
    )
    return Response.html(html, status=status)
