"""`serve`: build, serve with live reload, rebuild on every change."""

from __future__ import annotations

import argparse

from .common import add_output_options, output_folder

NAME = "serve"
HELP = "build, serve with live reload, rebuild on every change"


def configure(parser: argparse.ArgumentParser) -> None:
    add_output_options(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--open", action="store_true", help="open the site in a web browser")


def run(args: argparse.Namespace) -> int:
    from ..serve import serve  # imports tornado: only when serving

    return serve(args.root, out=output_folder(args.root, args.out), host=args.host, port=args.port,
                 open_browser=args.open, base_url=args.base_url)
