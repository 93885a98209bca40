"""The domain, in plain Python: nothing here imports Qt, pyqtgraph, ReportLab or pptx."""
