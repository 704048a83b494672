"""The line rules of plain-text mode: what a line is, and which lines are page furniture."""
