from django.urls import path

from huisverbod.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/facts/new/", views.fact_create, name="fact-create"),
]
