"""Test settings: the real settings with fast hashing, local mail and cache."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-use")
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from convivio.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tasks run at once inside the test (the worker is tested on its own).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# … in the test's own process, so that tests can replace the parsers: the task
# limits (a child process per job) are tested on their own, with the limits set.
CONVIVIO_TASK_TIME_LIMIT = 0
CONVIVIO_TASK_MEMORY_LIMIT = 0
