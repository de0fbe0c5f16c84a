"""The browser and its sessions: finding and launching Chromium, logging roles in
(form, storage state), language switching, contexts per role and locale, recording a login by
hand, and LMS embedding probes (framing headers, cookies).

Owns: a ready page for a role. May import: ``model``, ``config``, Playwright.
"""
