"""PET-CT DICOM: find PET series, read volumes, SUVbw/SUL the QIBA way, measure, MIPs.

Plain Python on pydicom and numpy (no Qt): the window, the command line, the PDF and the
slides all draw what these modules compute.
"""
