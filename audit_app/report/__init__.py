"""The PDF inspection report (ReportLab)."""
