"""The HTTP ingress: a Quart app served by Hypercorn inside the daemon's event loop (DESIGN §4)."""

from daemon.ingress.app import create_app

__all__ = ["create_app"]
