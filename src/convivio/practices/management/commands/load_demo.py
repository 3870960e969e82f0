from django.core.management.base import BaseCommand

from convivio.plans.demo import plans_demo_load
from convivio.practices.demo import demo_load


class Command(BaseCommand):
    help = "Load the demo content and (re)set the demo accounts' passwords."

    def handle(self, *args, **options) -> None:
        result = demo_load()
        self.stdout.write(
            f"Demo content: {result['practices']} practices ({result['created']} new)."
        )
        plans = plans_demo_load()
        self.stdout.write(
            f"Demo plans: {len(plans.plans)} plans ({plans.created} new)."
        )
        for item in plans.plans:
            self.stdout.write(
                f"- {item.plan}: {item.measures} measures, {item.indicators} "
                f"indicators, {item.observations} reported values"
            )
        self.stdout.write(
            self.style.SUCCESS("Sign in at http://127.0.0.1:8000/accounts/login/ with:")
        )
        for username, password, role in [*result["accounts"], *plans.accounts]:
            self.stdout.write(f"  {username:<10} {password:<16} ({role})")
