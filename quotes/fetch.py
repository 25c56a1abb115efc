"""Fetching pages politely: a named user agent, robots.txt, a per-host delay, timeouts,
retries with backoff, redirects followed hop by hop.

Only the URLs a user asks for are fetched, and each host's robots.txt before them.
"""

from __future__ import annotations

import email.utils
import importlib.metadata
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from quotes import DISTRIBUTION

USER_AGENT = f"quotes/{importlib.metadata.version(DISTRIBUTION)} (finds quotes in news articles)"
ROBOTS_AGENT = "quotes"
MAX_REDIRECTS = 10
MAX_BYTES = 10_000_000
# A server asking to be left alone longer than this gets a failure, not a stalled run.
MAX_RETRY_AFTER = 120.0
RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A URL that could not be fetched; the message says why, in a few words."""


@dataclass
class Response:
    """A page as fetched: the URL it came from after redirects, its status and its bytes."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes


class Fetcher:
    """Fetches URLs politely, remembering each host's robots.txt and last request."""

    def __init__(
        self,
        delay: float = 1.0,
        timeout: float = 30.0,
        retries: int = 3,
        user_agent: str = USER_AGENT,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.delay = delay
        self.retries = retries
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=timeout,
            follow_redirects=False,
        )
        self.robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self.host_delay: dict[str, float] = {}  # by host name: a Crawl-delay
        self.last_request: dict[str, float] = {}  # by host name

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, headers: dict | None = None) -> Response:
        """Fetch ``url``, following redirects; a 200 or a 304, else ``FetchError``."""
        for _ in range(MAX_REDIRECTS + 1):
            if not self.allowed(url):
                raise FetchError("disallowed by the site's robots.txt")
            response = self._request(url, headers or {})
            location = response.headers.get("location")
            if response.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            if response.status in (200, 304):
                return response
            raise FetchError(
                f"HTTP {response.status} {httpx.codes.get_reason_phrase(response.status)}".strip()
            )
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this user agent fetch ``url``."""
        origin = _origin(url)
        if origin not in self.robots:
            robots = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            try:
                response = self._request(origin + "/robots.txt", {}, retries=0)
                status = response.status
            except FetchError:
                status = 404  # no robots.txt to read: the page's own fetch will say why
            # As urllib.robotparser reads them: 401/403 forbid everything, other errors nothing.
            if status in (401, 403):
                robots.disallow_all = True  # type: ignore[attr-defined]
            elif status == 200:
                robots.parse(response.content.decode("utf-8", "replace").splitlines())
            else:
                robots.allow_all = True  # type: ignore[attr-defined]
            crawl_delay = robots.crawl_delay(ROBOTS_AGENT)
            if crawl_delay:
                self.host_delay[urlsplit(url).hostname or ""] = float(crawl_delay)
            self.robots[origin] = robots
        return self.robots[origin].can_fetch(ROBOTS_AGENT, url)

    def _request(self, url: str, headers: dict, retries: int | None = None) -> Response:
        retries = self.retries if retries is None else retries
        for attempt in range(retries + 1):
            self._wait_for_host(url)
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    content = bytearray()
                    if r.status_code == 200:
                        for part in r.iter_bytes():
                            content += part
                            if len(content) > self.max_bytes:
                                raise FetchError(f"is larger than {self.max_bytes // 1_000_000} MB")
                    response = Response(str(r.url), r.status_code, r.headers, bytes(content))
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {self.timeout:g}s") from None
            except httpx.HTTPError as e:
                raise FetchError(f"cannot fetch ({e or type(e).__name__})") from None
            if response.status not in RETRY_STATUSES or attempt == retries:
                return response
            wait = _retry_after(response.headers.get("retry-after"))
            if wait is None:
                # Exponential backoff from the per-host delay (at least 0.1 s).
                wait = max(self.delay, 0.1) * 2**attempt
            if wait > MAX_RETRY_AFTER:
                raise FetchError(f"HTTP {response.status}: the server asks to retry after {wait:.0f}s")
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).hostname or ""
        delay = max(self.delay, self.host_delay.get(host, 0.0))
        last = self.last_request.get(host)
        if last is not None and delay > 0:
            time.sleep(max(0.0, last + delay - time.monotonic()))
        self.last_request[host] = time.monotonic()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
