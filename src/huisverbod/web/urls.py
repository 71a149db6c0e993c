from django.urls import path

from huisverbod.web.views import (
    advice,
    assessment,
    capacity,
    cases,
    decisions,
    figures,
    history,
    monitoring,
    notifications,
    orders,
    referrals,
    sharing,
)

app_name = "web"

urlpatterns = [
    path("", cases.home, name="home"),
    path("cases/", cases.case_list, name="case-list"),
    path("cases/<int:pk>/", cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/facts/new/", cases.fact_create, name="fact-create"),
    path("cases/<int:pk>/share/", sharing.case_share, name="case-share"),
    path("cases/<int:pk>/persons/<str:local_id>/", sharing.person_details, name="person-details"),
    path("cases/<int:pk>/assessment/", assessment.assessment, name="assessment"),
    path("cases/<int:pk>/assessment/overrides/", assessment.override_add, name="override-add"),
    path(
        "cases/<int:pk>/assessment/overrides/<str:item>/remove/",
        assessment.override_remove,
        name="override-remove",
    ),
    path("cases/<int:pk>/assessment/save/", assessment.assessment_save, name="assessment-save"),
    path(
        "cases/<int:pk>/assessment/v<int:version>/",
        assessment.assessment_snapshot,
        name="assessment-snapshot",
    ),
    path("cases/<int:pk>/history/", history.history, name="history"),
    path("cases/<int:pk>/history/<int:lookup_id>/", history.history_result, name="history-result"),
    path("cases/<int:pk>/history/<int:lookup_id>/decide/", history.history_decide, name="history-decide"),
    path("cases/<int:pk>/orders/new/", orders.order_new, name="order-new"),
    path("orders/<int:order_id>/", orders.order_detail, name="order-detail"),
    path("orders/<int:order_id>/countdown/", orders.order_countdown, name="order-countdown"),
    path(
        "orders/<int:order_id>/documents/<str:number>.pdf", orders.document_download, name="document-download"
    ),
    path("cases/<int:pk>/care-plan/", monitoring.care_plan, name="care-plan"),
    path("cases/<int:pk>/care-plan/<int:item_id>/", monitoring.care_plan_item, name="care-plan-item"),
    path("cases/<int:pk>/timeline/", monitoring.timeline_page, name="timeline"),
    path("cases/<int:pk>/referrals/", referrals.referrals, name="referrals"),
    path("cases/<int:pk>/referrals/<int:referral_id>/", referrals.referral_detail, name="referral-detail"),
    path(
        "cases/<int:pk>/referrals/<int:referral_id>/status/",
        referrals.referral_status,
        name="referral-status",
    ),
    path("orders/<int:order_id>/advice/", advice.extension_advice, name="extension-advice"),
    path("orders/<int:order_id>/closing/", advice.closing, name="closing"),
    path("capacity/", capacity.capacity, name="capacity"),
    path("capacity/<int:service_id>/", capacity.capacity_update, name="capacity-update"),
    path("orders/<int:order_id>/<str:name>/", orders.order_action, name="order-action"),
    path("notifications/", notifications.inbox, name="notifications"),
    path("notifications/<int:notification_id>/read/", notifications.mark_read, name="notification-read"),
    path(
        "cases/<int:pk>/assessment/v<int:version>/decision/",
        decisions.decision_record,
        name="decision-record",
    ),
    path("figures/", figures.figures, name="figures"),
    path("figures/report.pdf", figures.figures_pdf, name="figures-pdf"),
    path("figures/<str:table>.csv", figures.figures_csv, name="figures-csv"),
]
