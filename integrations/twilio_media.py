"""Downloading what a customer sent over Twilio (photos, voice notes, documents) for Chatwoot.

`MediaUrl{i}` points at the account's Message Media resource; with "HTTP Basic Authentication
for media access" on it needs the account SID and auth token, and it answers with a redirect to
a CDN (api-notes §a, §W.5). Credentials go only to the configured Twilio API origin or to an
https Twilio host, never to whatever URL a webhook names. Every download is bounded in size
(`twilio.media_max_bytes`) and time (`twilio.media_timeout_seconds`); nothing is deleted at Twilio.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp

from daemon.config import TwilioConfig
from integrations.errors import IntegrationError

_EXTENSIONS = {"audio/ogg": ".ogg", "image/jpeg": ".jpg", "audio/mpeg": ".mp3", "audio/amr": ".amr",
               "video/mp4": ".mp4", "application/pdf": ".pdf"}


class MediaError(IntegrationError):
    """A failed download; `too_large` when the file exceeds the configured maximum."""

    def __init__(self, message: str, *, status: int = 0, transient: bool, too_large: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(message, status=status, transient=transient, retry_after=retry_after)
        self.too_large = too_large


@dataclass(frozen=True)
class Downloaded:
    data: bytes
    content_type: str
    filename: str


def filename_for(content_type: str, index: int) -> str:
    """Twilio's media URLs have no file name: one from the kind, the position and the type."""
    bare = content_type.split(";")[0].strip().lower()
    ext = _EXTENSIONS.get(bare) or mimetypes.guess_extension(bare) or ".bin"
    kind = bare.split("/")[0] if bare.split("/")[0] in ("image", "audio", "video") else "document"
    return f"{kind}-{index + 1}{ext}"


def trusted(config: TwilioConfig, url: str) -> bool:
    """May the account's credentials be sent to `url`? Only to Twilio itself (SSRF guard)."""
    parts, api = urlsplit(url), urlsplit(config.api_base_url)
    if (parts.scheme, parts.netloc) == (api.scheme, api.netloc):
        return True
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (host == "twilio.com" or host.endswith(".twilio.com"))


async def download(config: TwilioConfig, url: str, content_type: str, index: int) -> Downloaded:
    """The file at `url`, or `MediaError` (transient for 429/5xx/timeouts/connection errors)."""
    if not trusted(config, url):
        raise MediaError("media URL is not a Twilio URL", transient=False)
    limit = config.media_max_bytes
    timeout = aiohttp.ClientTimeout(total=config.media_timeout_seconds)
    auth = aiohttp.BasicAuth(config.account_sid, config.auth_token)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(url, auth=auth, allow_redirects=True, max_redirects=5) as resp:
                if resp.status >= 400:
                    raise MediaError(f"media download → {resp.status}", status=resp.status,
                                     transient=resp.status in (408, 429) or resp.status >= 500)
                if resp.content_length is not None and resp.content_length > limit:
                    raise MediaError(f"media of {resp.content_length} bytes exceeds {limit}", transient=False,
                                     too_large=True)
                chunks, size = [], 0
                async for chunk in resp.content.iter_chunked(64 * 1024):
                    size += len(chunk)
                    if size > limit:  # a missing or lying Content-Length
                        raise MediaError(f"media exceeds {limit} bytes", transient=False, too_large=True)
                    chunks.append(chunk)
                declared = content_type or resp.headers.get("Content-Type", "application/octet-stream")
                return Downloaded(b"".join(chunks), declared, filename_for(declared, index))
    except TimeoutError as exc:
        raise MediaError(f"media download timed out after {config.media_timeout_seconds}s", transient=True) from exc
    except aiohttp.ClientError as exc:
        raise MediaError(f"media download failed: {type(exc).__name__}", transient=True) from exc
