#!/usr/bin/env python3
"""Render a `tmux capture-pane -e` dump (text with SGR colour sequences) to a PNG.

Usage: ansi2png.py INPUT.ansi OUTPUT.png [COLUMNS ROWS]
Needs Pillow and DejaVu Sans Mono (Debian: python3-pil, fonts-dejavu-core).
"""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
SIZE = 15
DEFAULT_FG = (208, 208, 208)
DEFAULT_BG = (24, 24, 24)
ANSI16 = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
          (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
          (255, 0, 255), (0, 255, 255), (255, 255, 255)]


def xterm256(n):
    if n < 16:
        return ANSI16[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return (levels[n // 36], levels[n // 6 % 6], levels[n % 6])
    g = 8 + 10 * (n - 232)
    return (g, g, g)


def apply_sgr(params, st):
    p = [int(x) if x else 0 for x in params.split(";")] if params else [0]
    i = 0
    while i < len(p):
        c = p[i]
        if c == 0:
            st.update(fg=None, bg=None, bold=False, rev=False, ul=False)
        elif c == 1:
            st["bold"] = True
        elif c == 4:
            st["ul"] = True
        elif c == 7:
            st["rev"] = True
        elif c == 22:
            st["bold"] = False
        elif c == 24:
            st["ul"] = False
        elif c == 27:
            st["rev"] = False
        elif 30 <= c <= 37:
            st["fg"] = ANSI16[c - 30]
        elif 90 <= c <= 97:
            st["fg"] = ANSI16[c - 90 + 8]
        elif 40 <= c <= 47:
            st["bg"] = ANSI16[c - 40]
        elif 100 <= c <= 107:
            st["bg"] = ANSI16[c - 100 + 8]
        elif c == 39:
            st["fg"] = None
        elif c == 49:
            st["bg"] = None
        elif c in (38, 48) and i + 1 < len(p):
            key = "fg" if c == 38 else "bg"
            if p[i + 1] == 5 and i + 2 < len(p):
                st[key] = xterm256(p[i + 2])
                i += 2
            elif p[i + 1] == 2 and i + 4 < len(p):
                st[key] = (p[i + 2], p[i + 3], p[i + 4])
                i += 4
        i += 1


def main():
    src, dst = sys.argv[1], sys.argv[2]
    cols = int(sys.argv[3]) if len(sys.argv) > 3 else 120
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    text = open(src, encoding="utf-8", errors="replace").read()
    regular = ImageFont.truetype(FONT_DIR + "DejaVuSansMono.ttf", SIZE)
    bold = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Bold.ttf", SIZE)
    cw = round(regular.getlength("M"))
    ch = SIZE + 4
    img = Image.new("RGB", (cols * cw + 16, rows * ch + 16), DEFAULT_BG)
    draw = ImageDraw.Draw(img)
    st = dict(fg=None, bg=None, bold=False, rev=False, ul=False)
    token = re.compile(r"\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|(.)", re.S)
    x = y = 0
    for m in token.finditer(text):
        if m.group(1) is not None:
            apply_sgr(m.group(1), st)
            continue
        c = m.group(2)
        if c is None:
            continue
        if c == "\n":
            x, y = 0, y + 1
            continue
        if y >= rows or x >= cols:
            continue
        width = 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
        fg, bg = st["fg"] or DEFAULT_FG, st["bg"] or DEFAULT_BG
        if st["rev"]:
            fg, bg = bg, fg
        px, py = 8 + x * cw, 8 + y * ch
        draw.rectangle([px, py, px + width * cw - 1, py + ch - 1], fill=bg)
        if c in "▁▂▃▄▅▆▇█":
            level = "▁▂▃▄▅▆▇█".index(c) + 1
            draw.rectangle([px, py + ch - ch * level // 8, px + cw - 1, py + ch - 1], fill=fg)
        elif c in "│┃":
            draw.rectangle([px + cw // 2 - (1 if c == "┃" else 0), py, px + cw // 2, py + ch - 1], fill=fg)
        elif c == "─":
            draw.line([px, py + ch // 2, px + cw - 1, py + ch // 2], fill=fg)
        elif c != " ":
            draw.text((px, py + 1), c, font=bold if st["bold"] else regular, fill=fg)
        if st["ul"]:
            draw.line([px, py + ch - 2, px + width * cw - 1, py + ch - 2], fill=fg)
        x += width
    img.save(dst)


if __name__ == "__main__":
    main()
