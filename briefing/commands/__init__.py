"""One module per command. Each defines NAME, HELP, `configure(parser)` for its own options and
`run(args) -> exit status`, calling the pipeline's stages; cli.py only assembles the parser."""

from __future__ import annotations

from . import build, bundle, check, diff, serve

COMMANDS = (build, check, serve, bundle, diff)
"""In the order `--help` lists them; `build` is also the default command."""
