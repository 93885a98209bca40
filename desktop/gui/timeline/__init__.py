"""The therapy timeline on screen and as a figure: the view, its canvas, axes, labels,
legend and bars, and the figure export.
"""
