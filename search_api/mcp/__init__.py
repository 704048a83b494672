"""newsdesk as a Model Context Protocol server: its search, QA and articles as tools for agents."""
