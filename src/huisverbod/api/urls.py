from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from huisverbod.api.figures import FiguresView
from huisverbod.api.monitoring import CareServiceViewSet, CaseMonitoringViewSet
from huisverbod.api.orders import NotificationViewSet, OrderViewSet
from huisverbod.api.views import CaseViewSet

router = DefaultRouter(trailing_slash=True)
router.register("cases", CaseViewSet, basename="case")
router.register("monitoring", CaseMonitoringViewSet, basename="case-monitoring")
router.register("care-services", CareServiceViewSet, basename="care-service")
router.register("orders", OrderViewSet, basename="order")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("v1/figures/", FiguresView.as_view(), name="figures"),
]
