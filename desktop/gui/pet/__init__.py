"""The PET comparison: the view, the paired chart, the images, the slide figure and their
shared style.
"""
