"""The list of cases on the left: its model, search, and the library operations it offers
(new, duplicate, delete, import, export).
"""
