"""The demo: Convivio's own example content and the `load_demo` command.

It sits above every other app: it may import any of them (and writes only through
their services, or as their loaders do), and no app imports it.  Nothing here runs
for a user of a real installation; `make demo` loads it.
"""
