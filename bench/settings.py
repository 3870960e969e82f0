"""Settings of `make bench`: Convivio's own, plus a URLconf with a floor view."""

from convivio.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
