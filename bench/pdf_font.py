"""A CJK TrueType font read once per process and cut down to each document's characters.

fpdf2 parses the whole 17 MB wqy-zenhei collection for every document (about half a CPU
second) and then subsets it with fontTools (a quarter). Here fontTools reads the
collection's tables once; a document's font is then built by copying the raw outlines of
the glyphs it prints into a small TrueType file of their own, numbered 1..n in the order
of their code points (glyph 0 stays .notdef), which the document's Identity-H font uses
as character ids. Its metrics are the ones fpdf2 writes for the same font (widths and
descriptor scaled to 1000 units per em), so text reads back placed as it would be there.
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass
from pathlib import Path

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")

# Composite glyph flags (OpenType glyf table): argument sizes and the optional scale.
_ARG_WORDS, _HAS_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x8, 0x20, 0x40, 0x80


@dataclass(frozen=True, slots=True)
class Subset:
    """One document's font: the TrueType bytes and each character's id in them."""

    ttf: bytes
    ids: dict[str, int]  # character -> glyph id in `ttf` (= CID with Identity-H)
    widths: dict[int, int]  # glyph id -> advance in 1/1000 em


class CjkFont:
    """The font's outlines, advances and character map, read once."""

    def __init__(self, path: Path = CJK_FONT) -> None:
        from fontTools.ttLib import TTFont  # only the generator needs it

        font = TTFont(str(path), fontNumber=0, lazy=True)
        self.units = font["head"].unitsPerEm
        order = font.getGlyphOrder()
        index = {name: gid for gid, name in enumerate(order)}
        self._glyph_of = {chr(code): index[name] for code, name in font.getBestCmap().items()}
        metrics = font["hmtx"].metrics
        self._advance = [metrics[name][0] for name in order]
        self._lsb = [metrics[name][1] for name in order]
        self._loca = list(font["loca"].locations)
        self._glyf = font.reader["glyf"]
        self._head = bytearray(font.reader["head"])
        self._hhea = bytearray(font.reader["hhea"])
        self._maxp = bytearray(font.reader["maxp"])
        scale = 1000 / self.units
        hhea = font["hhea"]
        # fpdf2's descriptor for this font: the same numbers keep both readers' boxes.
        self.ascent = round(hhea.ascent * scale)
        self.descent = round(hhea.descent * scale)
        head = font["head"]
        self.bbox = tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax))
        self.missing_width = round(self._advance[0] * scale)
        self.name = "WenQuanYiZenHei"
        self._scale = scale
        font.close()

    def width(self, char: str) -> int:
        """The character's advance in 1/1000 em (.notdef's for a missing character)."""
        gid = self._glyph_of.get(char, 0)
        return round(self._advance[gid] * self._scale)

    def subset(self, chars: set[str]) -> Subset:
        """A TrueType font of just these characters' glyphs (and their components)."""
        wanted = sorted(c for c in chars if c in self._glyph_of)
        old_ids = [0] + [self._glyph_of[c] for c in wanted]
        # Components of composite glyphs come along, after the printed glyphs.
        seen = set(old_ids)
        k = 0
        while k < len(old_ids):
            for component in self._components(old_ids[k]):
                if component not in seen:
                    seen.add(component)
                    old_ids.append(component)
            k += 1
        new_id = {old: new for new, old in enumerate(old_ids)}
        glyphs = [self._renumbered(old, new_id) for old in old_ids]
        ids = {c: new_id[self._glyph_of[c]] for c in wanted}
        widths = {new_id[self._glyph_of[c]]: self.width(c) for c in wanted}
        return Subset(self._ttf(old_ids, glyphs), ids, widths)

    def _raw_glyph(self, gid: int) -> bytes:
        return self._glyf[self._loca[gid]:self._loca[gid + 1]]

    def _components(self, gid: int) -> list[int]:
        data = self._raw_glyph(gid)
        if len(data) < 10 or struct.unpack_from(">h", data)[0] >= 0:
            return []
        return [component for _, component in _composite_refs(data)]

    def _renumbered(self, gid: int, new_id: dict[int, int]) -> bytes:
        data = self._raw_glyph(gid)
        if len(data) < 10 or struct.unpack_from(">h", data)[0] >= 0:
            return data
        out = bytearray(data)
        for offset, component in _composite_refs(data):
            struct.pack_into(">H", out, offset, new_id[component])
        return bytes(out)

    def _ttf(self, old_ids: list[int], glyphs: list[bytes]) -> bytes:
        n = len(old_ids)
        glyf = bytearray()
        loca = [0]
        for data in glyphs:
            glyf += data
            glyf += b"\0" * (-len(data) % 4)  # glyphs start on 4-byte boundaries
            loca.append(len(glyf))
        head = bytearray(self._head)
        struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment: no reader verifies it
        struct.pack_into(">h", head, 50, 1)  # long loca offsets
        hhea = bytearray(self._hhea)
        struct.pack_into(">H", hhea, 34, n)
        maxp = bytearray(self._maxp)
        struct.pack_into(">H", maxp, 4, n)
        hmtx = b"".join(struct.pack(">Hh", self._advance[g], self._lsb[g]) for g in old_ids)
        return _sfnt({"glyf": bytes(glyf), "head": bytes(head), "hhea": bytes(hhea),
                      "hmtx": hmtx, "loca": struct.pack(f">{n + 1}I", *loca),
                      "maxp": bytes(maxp)})


def _composite_refs(data: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, component glyph id) of each part of a composite."""
    refs = []
    offset = 10
    while True:
        flags, component = struct.unpack_from(">HH", data, offset)
        refs.append((offset + 2, component))
        offset += 4 + (4 if flags & _ARG_WORDS else 2)
        offset += 2 if flags & _HAS_SCALE else 4 if flags & _XY_SCALE else \
            8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            return refs


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """A TrueType file of these tables (tags in sorted order, as the format asks)."""
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16,
                         power.bit_length() - 1, count * 16 - power * 16)
    offset = 12 + 16 * count
    directory = bytearray()
    body = bytearray()
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sIII", tag.encode("ascii"), _checksum(data),
                                 offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + bytes(directory) + bytes(body)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


@functools.cache
def cjk_font() -> CjkFont:
    """The process's one copy of the font (read in about half a second)."""
    return CjkFont()
