from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and `load_demo`; no models, no migrations."""

    name = "convivio.demo"
    label = "demo"
