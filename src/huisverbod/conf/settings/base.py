"""Settings shared by every environment. Every setting is read from the environment, with a sane
default; ``DATABASE_URL`` selects the database (a SQLite file by default, PostgreSQL when set)."""

from __future__ import annotations

from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from huisverbod.conf.logging import configure_logging

# Lets generic Django classes be subscripted at run time (ModelForm[Person]) for the type checker.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/huisverbod
BASE_DIR = PACKAGE_DIR.parents[1]  # the repository root (or the install prefix)

env = environ.Env()

VAR_DIR = Path(env.str("HUISVERBOD_VAR_DIR", default=str(BASE_DIR / "var")))

# A placeholder, refused by the production settings.
INSECURE_DEFAULT_SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105  # nosec B105
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "huisverbod.accounts",
    "huisverbod.signin",
    "huisverbod.access",
    "huisverbod.audit",
    "huisverbod.cases",
    "huisverbod.assessments",
    "huisverbod.orders",
    "huisverbod.notifications",
    "huisverbod.registries",
    "huisverbod.monitoring",
    "huisverbod.retention",
    "huisverbod.web",
    "huisverbod.api",
    "huisverbod.demo",
    "huisverbod.scenarios",
    "huisverbod.decisions",
    "huisverbod.figures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "huisverbod.conf.middleware.RequestLogMiddleware",
    # After the trace id is bound; axes stays last (it wraps the view's response).
    "huisverbod.signin.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "huisverbod.conf.urls"
WSGI_APPLICATION = "huisverbod.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "huisverbod.web.context.navigation",
                "huisverbod.signin.context.sign_in_options",
            ],
        },
    },
]

# An empty DATABASE_URL (e.g. `DATABASE_URL= make test`) means the same as none: the SQLite file.
database_url = env.str("DATABASE_URL", default="")
if not database_url:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db_url_config(database_url or f"sqlite:///{VAR_DIR / 'huisverbod.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the worker share one SQLite file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:case-list"
LOGOUT_REDIRECT_URL = "login"

# Sign-in protection (django-axes): lock out after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_CALLABLE = "huisverbod.signin.lockout.lockout_response"

# Second factor (django-otp, TOTP): required for the roles that impose or extend an order.
OTP_REQUIRED_ROLES = env.list(
    "OTP_REQUIRED_ROLES", default=["assistant_public_prosecutor", "municipal_officer"]
)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Huisverbod")

# Single sign-on with the organisation's identity provider (mozilla-django-oidc). Off unless
# OIDC_RP_CLIENT_ID is set; docs/security.md (Sign-in) explains the claims.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="") or None
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_AUTHENTICATION_CALLBACK_URL = "signin:oidc-callback"
OIDC_USERNAME_CLAIM = env.str("OIDC_USERNAME_CLAIM", default="sub")
OIDC_ORGANISATION_CLAIM = env.str("OIDC_ORGANISATION_CLAIM", default="organisation_code")
OIDC_ROLE_CLAIM = env.str("OIDC_ROLE_CLAIM", default="huisverbod_role")
# An identity provider that already asked for a second factor says so in the ``amr`` claim.
OIDC_TRUST_AMR_MFA = env.bool("OIDC_TRUST_AMR_MFA", default=True)
OIDC_MFA_AMR_VALUES = env.list("OIDC_MFA_AMR_VALUES", default=["mfa", "otp"])
OIDC_BACKEND = "huisverbod.signin.oidc.OrganisationClaimsBackend"
if OIDC_RP_CLIENT_ID:
    _needed = ["OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT"]
    if OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")):  # signed with the provider's published keys
        _needed.append("OIDC_OP_JWKS_ENDPOINT")
    _missing = [name for name in _needed if not globals()[name]]
    if _missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set, so set these too: {', '.join(_missing)}")
    AUTHENTICATION_BACKENDS.append(OIDC_BACKEND)

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

# Sessions and cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): no inline scripts, no third-party origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # Basic auth carries a password only: refused for users who need a second factor.
        "huisverbod.signin.api_auth.PasswordOnlyBasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_VERSIONING_CLASS": None,
    "EXCEPTION_HANDLER": "huisverbod.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "huisverbod API",
    "DESCRIPTION": "Cases, facts and the case file (huisverbod-casus/1) for the Wet tijdelijk huisverbod.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Alphabetical by path, then GET, POST, ...: the committed document is the same on every run.
    "SORT_OPERATIONS": True,
    "ENUM_NAME_OVERRIDES": {
        "FactSourceEnum": "huisverbod.cases.models.SourceChoices",
        "FactOriginEnum": "huisverbod.cases.models.OriginChoices",
        "CareServiceKindEnum": "huisverbod.monitoring.models.ServiceKind",
        "ReferralStatusEnum": "huisverbod.monitoring.models.ReferralStatusChoices",
        "CarePlanStatusEnum": "huisverbod.monitoring.models.CarePlanStatus",
        "TimelineEntryKindEnum": "huisverbod.monitoring.models.EntryKind",
    },
}

MAILERS = {
    "default": {
        "BACKEND": env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
    },
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="huisverbod@localhost")

# The processing log: the chain key makes the log tamper-evident, the pseudonym key turns user
# and person ids into pseudonyms. Both live outside the database; production requires them.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="dev-chain-key:" + SECRET_KEY)
AUDIT_PSEUDONYM_KEY = env.str("AUDIT_PSEUDONYM_KEY", default="dev-pseudonym-key:" + SECRET_KEY)

# Monitoring: a care provider's access ends this many days after the order ends (docs/monitoring.md).
MONITORING_FOLLOW_UP_DAYS = env.int("MONITORING_FOLLOW_UP_DAYS", default=0)

# Cases without a huisverbod: destroyed this many years after their last change (policy).
RETENTION_YEARS_WITHOUT_ORDER = env.int("RETENTION_YEARS_WITHOUT_ORDER", default=5)

LOG_FORMAT = env.str("LOG_FORMAT", default="console")  # "json" in production
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING_CONFIG = None
configure_logging(LOG_FORMAT, LOG_LEVEL)

# Where the demo loads the seed cases from: the shared examples when present, otherwise the
# copies shipped in the package.
SEED_CASE_DIRS = [
    Path(p)
    for p in env.list("SEED_CASE_DIRS", default=[str(BASE_DIR.parent / "shared" / "casefile" / "examples")])
] + [PACKAGE_DIR / "demo" / "seed_cases"]
AXES_VERBOSE = False
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Administrators may delete a lost authenticator, never see a user's TOTP secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Registry extracts are kept this many years after the registration's date, then destroyed
# through a reviewed destruction list. Veilig Thuis's period is commonly cited as 20 years [U].
REGISTRY_RETENTION_YEARS = {
    "police": env.int("POLICE_REGISTRY_RETENTION_YEARS", default=5),
    "veilig_thuis": env.int("VEILIG_THUIS_REGISTRY_RETENTION_YEARS", default=20),
}

# Figures that leave the system (policy figures, the scenario lab): counts below this are
# suppressed, with secondary suppression (core/disclosure.py, docs/figures.md; AVG art. 89).
FIGURES_SUPPRESSION_THRESHOLD = env.int("FIGURES_SUPPRESSION_THRESHOLD", default=10)
# The scenario lab re-runs at most this many cases in one request (docs/scenario-lab.md).
SCENARIO_MAX_CASES = env.int("SCENARIO_MAX_CASES", default=5000)
