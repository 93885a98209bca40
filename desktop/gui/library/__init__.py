"""The list of cases on the left: its model, the delegate that draws a row, and search as
you type, off the UI thread.
"""
