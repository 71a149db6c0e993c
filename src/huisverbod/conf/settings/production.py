"""Production: refuses to start with the default SECRET_KEY or with DEBUG on."""

from django.core.exceptions import ImproperlyConfigured

from huisverbod.conf.settings.base import *  # noqa: F403
from huisverbod.conf.settings.base import DEBUG, INSECURE_DEFAULT_SECRET_KEY, SECRET_KEY, env

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=false).")
if not SECRET_KEY or SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment to a random value of at least 40 characters."
    )

for _name in ("AUDIT_CHAIN_KEY", "AUDIT_PSEUDONYM_KEY"):
    if len(env.str(_name, default="")) < 32:
        raise ImproperlyConfigured(
            f"{_name} must be set in the environment to a random value of at least 32 characters."
        )

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
configure_logging(LOG_FORMAT, env.str("LOG_LEVEL", default="INFO"))  # noqa: F405
