"""Bytes to text: BOMs, UTF-8, GB18030/GBK and Big5 detected; binary and empty input refused."""

from __future__ import annotations

import codecs

from ..errors import ParseError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Codecs tried for Chinese text when UTF-8 fails, in order of how often they are right.
_CJK_CODECS = ("gb18030", "big5")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def _cjk_score(text: str) -> float:
    """Share of characters that are common CJK, ASCII or CJK punctuation: higher = more plausible."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if o < 128 or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF:
            good += 1
        elif 0x2000 <= o <= 0x206F:
            good += 1
    return good / len(text)


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return (text, encoding name); raise ParseError naming ``source``."""
    if not data or not data.strip():
        raise ParseError(source, "empty input")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), "utf-8" if name == "utf-8-sig" else name
            except UnicodeDecodeError as exc:
                raise ParseError(source, f"bad {name} text after its byte-order mark: {exc}") from exc
    if looks_binary(data):
        raise ParseError(source, "binary data, not text")
    if declared:
        try:
            return data.decode(declared), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for name in _CJK_CODECS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_cjk_score(text), name, text))
    if not candidates:
        mixed = _decode_mixed(data)
        if mixed is not None:
            return mixed, "mixed"
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ParseError(source, "undecodable bytes: not UTF-8, GB18030 or Big5")
        text = str(best)
        return text, best.encoding
    # Big5 bytes usually also decode as GB18030 (into rare characters); the plausibility
    # score and charset-normalizer settle it.
    candidates.sort(reverse=True)
    if len(candidates) > 1 and abs(candidates[0][0] - candidates[1][0]) < 0.02:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        if best is not None and best.encoding in ("gb18030", "big5"):
            for _, name, text in candidates:
                if name == best.encoding:
                    return text, name
    _, name, text = candidates[0]
    return text, name


def _decode_mixed(data: bytes, max_bad: float = 0.02) -> str | None:
    """Text pasted together from UTF-8 and GB18030 pieces: each line decoded by whichever fits.

    Within a line the decoder alternates greedily (UTF-8 until it fails, then GB18030); a byte neither
    accepts becomes U+FFFD. Returns None when more than ``max_bad`` of the characters are U+FFFD.
    """
    out: list[str] = []
    for line in data.split(b"\n"):
        out.append(_decode_line(line))
    result = "\n".join(out)
    if result.count("\ufffd") > max_bad * max(1, len(result)):
        return None
    return result


def _decode_line(line: bytes) -> str:
    pieces: list[str] = []
    codecs_order = ("utf-8", "gb18030")
    turn = 0
    while line:
        codec = codecs_order[turn % 2]
        try:
            pieces.append(line.decode(codec))
            break
        except UnicodeDecodeError as exc:
            if exc.start:
                pieces.append(line[: exc.start].decode(codec))
                line = line[exc.start :]
                turn += 1
                continue
            other = codecs_order[(turn + 1) % 2]
            try:
                line[:4].decode(other, errors="strict")
                turn += 1
            except UnicodeDecodeError as exc2:
                if exc2.start:
                    turn += 1
                    continue
                pieces.append("\ufffd")
                line = line[1:]
    return "".join(pieces)
