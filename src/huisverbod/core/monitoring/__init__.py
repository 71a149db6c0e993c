"""Monitoring during the order, as plain rules: when help can start against the order's end, the
referral's allowed status changes, the end of monitoring, and the extension advice."""
