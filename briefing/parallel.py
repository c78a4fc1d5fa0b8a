"""Verification in worker processes, for one-off builds: each source (its YAML, its seed, its quotes,
its absences, its summary and its claims' numbers) and each page (its front matter and its Markdown)
is verified on its own, so forked workers do it side by side, on every core.

The workers do not make a second pipeline. Each runs the pipeline's own stages on one file, with a
memo of its own, and sends back the memo's slots: every result with its key and the diagnostics it
produced. The parent puts them in its memo and then verifies as it always does, serially: each stage
finds its result there and replays its diagnostics, in the order a serial build reports them. So the
site and every error and warning are exactly a serial build's (tested), whatever the workers' order.
Work the pipeline does across files (duplicate keys, resolving citations) stays in the parent."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from dataclasses import replace

from .buildcache import Parts
from .cache import Memo
from .load import Inputs

PARALLEL_FROM = 32
"""Fewer sources than this are verified in-process: forking costs more than it saves."""
CHUNK = 8
"""Files per task: enough to amortise a task's round trip, few enough to balance two workers."""
SKIPPED = frozenset({"fold"})
"""Slots not sent back: the folded seeds are needed only to anchor, which the worker has done."""

_TASK: list[Callable[[list[str]], bytes]] = []
"""The task of the current pool (inherited by the forked workers, never pickled)."""


def prefill(memo: Memo, inputs: Inputs, verify_one: Callable[[Inputs, Memo], None], *, jobs: int,
            parts: Parts | None = None) -> None:
    """Fill `memo` with what `verify_one(part, memo)` computes for each source and page of `inputs`;
    `part` is `inputs` cut down to a few sources or pages. The sources are verified in `jobs` forked
    workers; meanwhile this process parses the pages, whose results (token trees) would cost about as
    much to send back as to make. With `parts` (the build cache's verified parts, see buildcache.py), a
    few sources verified by an earlier build of the same files (and seeds, and so on) are not verified
    again, and what the workers verify is kept there. Pages are not kept: pickling their token trees
    would cost the build more than parsing them again saves (at N = 5,000, about 3.5 s in this process
    against 6 s of parsing, for every cold build); what checking them found is (buildcache.Verdicts), and
    `verify_one` is then told not to parse those pages."""
    sources = sorted(inputs.sources)
    if jobs < 2 or len(sources) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return
    chunks = [sources[i: i + CHUNK] for i in range(0, len(sources), CHUNK)]
    context = parts.context(inputs) if parts is not None else b""
    keys = {}
    if parts is not None:
        for chunk in chunks:
            key = keys[chunk[0]] = parts.key(context, {p: inputs.sources[p] for p in chunk})
            if _reused(memo, parts, key, inputs):
                chunk.clear()
    wanted = [chunk for chunk in chunks if chunk]
    if not wanted:  # every source was verified before
        verify_one(replace(inputs, sources={}), memo)
        return
    _TASK[:] = [lambda paths: _verify_part(inputs, paths, verify_one)]
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(wanted))) as pool:
            results = pool.imap_unordered(_run, wanted)
            verify_one(replace(inputs, sources={}), memo)
            for first, slots in results:
                if parts is not None:
                    parts.put(keys[first], slots)
                memo.merge(_received(pickle.loads(slots), inputs))
    finally:
        _TASK.clear()


def _reused(memo: Memo, parts: Parts, key: str, inputs: Inputs) -> bool:
    """Whether the part `key` was kept and is now in `memo`."""
    kept = parts.get(key)
    if kept is None:
        return False
    try:
        slots = pickle.loads(kept)
        received = list(_received(slots, inputs))
    except Exception:  # noqa: BLE001 - a damaged part, whatever it raises, is made again
        return False
    memo.merge(received)
    return True


def _run(paths: list[str]) -> tuple[str, bytes]:
    return paths[0], _TASK[0](paths)


def _verify_part(inputs: Inputs, paths: list[str], verify_one: Callable[[Inputs, Memo], None]) -> bytes:
    memo = Memo()
    verify_one(replace(inputs, sources={p: inputs.sources[p] for p in paths}, pages={}), memo)
    return pickle.dumps(list(_sent(memo)), protocol=pickle.HIGHEST_PROTOCOL)


def _sent(memo: Memo) -> Iterator[tuple]:
    for (stage, slot), (key, value, diagnostics) in memo.slots():
        if stage in SKIPPED or stage.startswith("all-"):  # a whole stage over the worker's few files: of no use
            continue
        if stage == "seed":  # keyed by (source, the seed file as read): the parent has read the same bytes
            key = (key[0], None)
        yield (stage, slot), (key, value, diagnostics)


def _received(slots: list[tuple], inputs: Inputs) -> Iterator[tuple]:
    for (stage, slot), (key, value, diagnostics) in slots:
        if stage == "seed":
            key = (key[0], inputs.seeds.get(key[0].seed))
        yield (stage, slot), (key, value, diagnostics)
