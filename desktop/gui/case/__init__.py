"""The case editor: the tabbed case pane with its overview, narrative, references, course
and studies, and the form fields and tables they are built from.
"""
