"""The processors newsdesk ships with. Each module is a plugin, loaded through its entry point."""
