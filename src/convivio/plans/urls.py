"""Each part of the plans pages keeps its own routes next to its views."""

from .views import dashboard, monitoring
from .views import plans as plan_views

app_name = "plans"

urlpatterns = [
    *plan_views.urlpatterns,
    *monitoring.urlpatterns,
    *dashboard.urlpatterns,
]
