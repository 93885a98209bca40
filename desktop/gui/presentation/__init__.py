"""Presentation mode: the case full screen, one section at a time, for a room. Its
timeline and PET sections are drawn by the ``timeline`` and ``pet`` rooms.
"""
