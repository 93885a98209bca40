"""Presentation mode: the case full screen, one section at a time, for a room.
"""
