"""Each part of the plans pages keeps its own routes next to its views."""

from .authoring import views as plan_views
from .monitoring import views as monitoring
from .reporting import views as dashboard

app_name = "plans"

urlpatterns = [
    *plan_views.urlpatterns,
    *monitoring.urlpatterns,
    *dashboard.urlpatterns,
]
