"""PDF case summaries with ReportLab, drawn from what the core computes."""
