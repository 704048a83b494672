"""newsdesk's plugin system: hook specifications, the plugin manager and the built-in processors."""
