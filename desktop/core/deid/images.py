"""PET images without their metadata: PNG text chunks and JPEG EXIF/XMP segments are
dropped, the picture is kept byte for byte.
"""

from __future__ import annotations

import struct

from desktop.core.deid.relative import DeidError
from desktop.core.model import Image

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Ancillary PNG chunks needed to show the image right; text, time and EXIF go.
_PNG_KEEP = frozenset({b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs", b"bKGD"})


def _png_without_metadata(data: bytes) -> bytes:
    out, pos = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while pos < len(data):
        if pos + 12 > len(data):
            raise DeidError("the PNG image is truncated; replace it before de-identifying")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise DeidError("the PNG image is truncated; replace it before de-identifying")
        if kind[:1].isupper() or kind in _PNG_KEEP:  # critical chunks always stay
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _jpeg_keeps(marker: int, body: bytes) -> bool:
    """JFIF (APP0), ICC profile (APP2) and Adobe colour (APP14) stay; EXIF, XMP, IPTC and
    comments go."""
    if marker == 0xFE or 0xE0 <= marker <= 0xEF:
        return ((marker == 0xE0 and body.startswith(b"JFIF"))
                or (marker == 0xE2 and body.startswith(b"ICC_PROFILE"))
                or (marker == 0xEE and body.startswith(b"Adobe")))
    return True


def _jpeg_without_metadata(data: bytes) -> bytes:
    out, pos = [data[:2]], 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise DeidError("the JPEG image is damaged; replace it before de-identifying")
        while pos < len(data) and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos + 3 > len(data):
            raise DeidError("the JPEG image is truncated; replace it before de-identifying")
        marker = data[pos]
        length = struct.unpack(">H", data[pos + 1:pos + 3])[0]
        end = pos + 1 + length
        if _jpeg_keeps(marker, data[pos + 3:end]):
            out.append(b"\xff" + data[pos:end])
        if marker == 0xDA:  # start of scan: the image data follows, kept as it is
            out.append(data[end:])
            break
        pos = end
    return b"".join(out)


def strip_image_metadata(image: Image) -> Image:
    """The image without text/EXIF metadata (dates, names, devices); pixels untouched.
    Burned-in text in the pixels cannot be found here: check PET images by eye."""
    if image.media_type == "image/png" and image.data.startswith(_PNG_SIGNATURE):
        return Image(image.media_type, _png_without_metadata(image.data))
    if image.media_type == "image/jpeg" and image.data.startswith(b"\xff\xd8"):
        return Image(image.media_type, _jpeg_without_metadata(image.data))
    raise DeidError(f"cannot clean a {image.media_type} image; only PNG and JPEG are allowed")
