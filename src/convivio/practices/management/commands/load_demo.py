from django.core.management.base import BaseCommand

from convivio.practices.demo import demo_load


class Command(BaseCommand):
    help = "Load the demo content and (re)set the demo accounts' passwords."

    def handle(self, *args, **options) -> None:
        result = demo_load()
        self.stdout.write(
            f"Demo content: {result['practices']} practices ({result['created']} new)."
        )
        self.stdout.write(
            self.style.SUCCESS("Sign in at http://127.0.0.1:8000/accounts/login/ with:")
        )
        for username, password, role in result["accounts"]:
            self.stdout.write(f"  {username:<10} {password:<16} ({role})")
