"""The demo's hand-written text, one module per app; the loaders beside read it."""
