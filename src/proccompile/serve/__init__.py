"""`proccompile serve`: the site over HTTP on this machine, checked again and reloaded in the browser on every save.

``server.py`` answers requests from a ``LiveProject`` (pipeline/live.py) and pushes each new state to the
open pages (server-sent events); ``watch.py`` turns file changes into refreshes. Nothing is written to
disk: pages are rendered when asked for, from the last check without errors.
"""

from proccompile.serve.server import LiveServer, serve_project

__all__ = ["LiveServer", "serve_project"]
