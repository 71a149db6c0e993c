"""Sign-in: passwords with lockout, a TOTP second factor for the roles that impose or extend an
order, single sign-on with the organisation's identity provider, and a log of sign-in events."""
