"""newsdesk's plugin system: hook specifications, the plugin manager and the built-in processors."""

import os

# No phone-home: newsdesk runs behind firewalls, and Haystack would report usage otherwise.
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
