"""Payment-risk scoring."""
