"""checker: a source-comparison and fact-consistency checker for news editors."""

__version__ = "0.1.0"
