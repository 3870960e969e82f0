"""Background work under a time and a memory limit.

`run_limited` runs a function in a child process forked from the worker: the
child gets an address-space limit (CONVIVIO_TASK_MEMORY_LIMIT beyond what the
worker already uses) and is killed after CONVIVIO_TASK_TIME_LIMIT seconds, so a
hostile or huge document can neither hold the worker forever nor take the
machine's memory.  The function must not touch the database (the child shares
the worker's connection); what it reports while working (`report(stage)`) and
what it returns come back to the worker through a pipe.  Meanwhile the worker
calls `heartbeat()` every few seconds, which is how a dead worker is noticed.

With both limits set to 0, or where `fork` is not available, the function runs
in the worker itself, without limits.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: Seconds between two heartbeats of the worker while the child works.
HEARTBEAT_EVERY = 5.0


class LimitExceeded(Exception):
    """The work took longer or more memory than allowed; the message says so in
    a sentence for the person who asked for it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def time_limit() -> float:
    return float(settings.CONVIVIO_TASK_TIME_LIMIT or 0)


def memory_limit() -> int:
    return int(settings.CONVIVIO_TASK_MEMORY_LIMIT or 0)


def too_slow(seconds: float) -> str:
    return _(
        "Reading this document took longer than the %(seconds)s seconds a task "
        "may take (CONVIVIO_TASK_TIME_LIMIT), so it was stopped. Nothing was "
        "saved; try a smaller file, or a copy split into parts."
    ) % {"seconds": f"{seconds:g}"}


def too_big(limit: int) -> str:
    return _(
        "Reading this document needed more than the %(size)s MB of memory a task "
        "may use (CONVIVIO_TASK_MEMORY_LIMIT), so it was stopped. Nothing was "
        "saved; try a smaller file, or a copy split into parts."
    ) % {"size": f"{limit / (1024 * 1024):g}"}


def _address_space() -> int:
    """Bytes of address space this process uses now (Linux), else 0."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def usage() -> dict[str, float]:
    """Peak memory (MB: this process, and the largest of the programs it ran,
    such as Tesseract) and processor seconds so far, from resource.getrusage."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "peak_rss_mb": round(me.ru_maxrss / 1024, 1),
        "children_peak_rss_mb": round(children.ru_maxrss / 1024, 1),
        "cpu_s": round(me.ru_utime + me.ru_stime, 2),
        "children_cpu_s": round(children.ru_utime + children.ru_stime, 2),
    }


def _child(sender, function, args, seconds: float, memory: int) -> None:
    # The worker's own signal handlers are not the child's: a plain kill ends it.
    for name in ("SIGTERM", "SIGINT", "SIGQUIT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        if memory:
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            wanted = _address_space() + memory
            if hard != resource.RLIM_INFINITY:
                wanted = min(wanted, hard)
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        if seconds:
            # Even if the worker dies, the kernel ends a child that keeps working.
            cpu = math.ceil(seconds) + 5
            _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
            if hard == resource.RLIM_INFINITY or hard > cpu:
                resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

        def report(stage: Any) -> None:
            sender.send(("stage", stage))

        value = function(report, *args)
        sender.send(("usage", usage()))
        sender.send(("ok", value))
    except MemoryError:
        # Free what can be freed before saying so.
        value = None
        sender.send(("memory", None))
    except BaseException as error:  # noqa: BLE001 - told to the worker
        try:
            sender.send(("error", error))
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled
            sender.send(("crash", repr(error)))
    finally:
        sender.close()


def run_limited(
    function: Callable[..., Any],
    *args: Any,
    seconds: float | None = None,
    memory: int | None = None,
    report: Callable[[Any], None] | None = None,
    heartbeat: Callable[[], None] | None = None,
) -> Any:
    """``function(report, *args)`` in a child process, under the limits; its
    value, or its exception raised again here, or LimitExceeded."""
    seconds = time_limit() if seconds is None else seconds
    memory = memory_limit() if memory is None else memory
    report = report or (lambda stage: None)
    if not (seconds or memory) or "fork" not in multiprocessing.get_all_start_methods():
        # No limits set (0), or a system without fork: in the worker itself.
        return function(report, *args)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, function, args, seconds, memory), daemon=True
    )
    started = time.monotonic()
    process.start()
    sender.close()
    try:
        while True:
            wait = HEARTBEAT_EVERY
            if seconds:
                left = seconds - (time.monotonic() - started)
                if left <= 0:
                    raise LimitExceeded(too_slow(seconds))
                wait = min(wait, left)
            if receiver.poll(wait):
                try:
                    kind, value = receiver.recv()
                except EOFError:
                    # The child died without a word: killed for its memory (the
                    # kernel's OOM killer) or its processor time.
                    process.join(1)
                    logger.warning("Limited task died: exit code %s", process.exitcode)
                    if process.exitcode in (-signal.SIGXCPU, -signal.SIGKILL) and (
                        seconds and time.monotonic() - started >= seconds
                    ):
                        raise LimitExceeded(too_slow(seconds)) from None
                    raise LimitExceeded(too_big(memory)) from None
                if kind == "stage":
                    report(value)
                    continue
                if kind == "usage":
                    # The worker's log says what each task cost (memory bounded
                    # by CONVIVIO_TASK_MEMORY_LIMIT, time by ..._TIME_LIMIT).
                    logger.info(
                        "Limited task %s: %.1f s, %s",
                        getattr(function, "__name__", "?"),
                        time.monotonic() - started,
                        ", ".join(f"{k} {v}" for k, v in value.items()),
                    )
                    continue
                break
            if heartbeat is not None:
                heartbeat()
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if kind == "ok":
        return value
    if kind == "memory":
        raise LimitExceeded(too_big(memory))
    if kind == "error":
        raise value
    raise RuntimeError(f"The limited task failed: {value}")


def upload_limit() -> int:
    """The largest file read, in bytes (CONVIVIO_UPLOAD_MAX_BYTES)."""
    return int(settings.CONVIVIO_UPLOAD_MAX_BYTES)
