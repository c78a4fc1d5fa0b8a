"""One module per command. Each defines NAME, HELP, `configure(parser)` for its own options and
`run(args) -> exit status`, calling the pipeline's stages; cli.py only assembles the parser. A command
that does not verify the project says `VERIFIES = False` (it takes no --strict)."""

from __future__ import annotations

from . import add_source, build, bundle, check, claims, diff, new, quote, schemas, serve

COMMANDS = (build, check, serve, bundle, diff, new, add_source, quote, claims, schemas)
"""In the order `--help` lists them; `build` is also the default command."""
